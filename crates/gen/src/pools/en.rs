//! English phrase pools for the source articles: headlines, deks and body text.

/// Who does something.
pub const SUBJECTS: &[&str] = &[
    "China",
    "The US",
    "The European Union",
    "Japan",
    "South Korea",
    "Vietnam",
    "India",
    "OpenAI",
    "Google DeepMind",
    "Anthropic",
    "Meta",
    "Microsoft",
    "Nvidia",
    "Alibaba",
    "Baidu",
    "Samsung",
    "The Brics group",
    "The United Nations",
    "Brussels",
    "TSMC",
    "A Shenzhen start-up",
    "A Stanford research lab",
    "AT&T",
    "A top hedge fund",
];

/// Verb phrases (present tense, third person) for headlines and sentences.
pub const VERBS: &[&str] = &[
    "could counter",
    "is racing to build",
    "pledges billions for",
    "warns of the risks of",
    "unveils",
    "pushes back against",
    "bets big on",
    "tightens rules on",
    "opens up",
    "pauses the roll-out of",
    "doubles down on",
    "is rethinking",
    "teams up with rivals on",
    "faces scrutiny over",
];

/// Objects of those verbs.
pub const OBJECTS: &[&str] = &[
    "large language models",
    "cloud computing infrastructure",
    "next-generation AI chips",
    "global AI governance",
    "data privacy rules",
    "new data centres",
    "ethical frameworks for AI",
    "self-driving cars",
    "humanoid robots",
    "open-source AI",
    "the semiconductor supply chain",
    "AI image generators",
    "facial recognition",
    "AI tutors in schools",
    "autonomous AI agents",
    "AI in hospitals",
    "copyright for training data",
    "digital sovereignty",
    "R&D spending",
];

/// Trailing phrases.
pub const COMPLEMENTS: &[&str] = &[
    "analysts say",
    "as tech curbs bite",
    "amid a global talent shortage",
    "despite rising costs",
    "ahead of the World Artificial Intelligence Conference",
    "in a bid to catch up",
    "after months of talks",
    "as investors grow wary",
    "while the US retreats",
    "to protect young users",
    "under pressure from lawmakers",
    "for the first time",
];

/// Sentence openers for body paragraphs.
pub const OPENERS: &[&str] = &[
    "Meanwhile,",
    "According to analysts,",
    "Earlier this month,",
    "At the same time,",
    "In a statement on Monday,",
    "Critics argue that",
    "Industry insiders say",
    "By some estimates,",
    "Last year,",
    "Even so,",
];

/// Body-text clauses that follow a subject and verb.
pub const CLAUSES: &[&str] = &[
    "which could reshape economies, societies and geopolitics",
    "a move that surprised even its closest partners",
    "with spending expected to top $10 billion by 2027",
    "as the competition-first, zero-sum mindset no longer holds",
    "although the details remain unclear",
    "in what officials called a \"critical period\" for the technology",
    "while smaller players struggle to keep up",
    "after a year of record investment",
    "drawing criticism from civil society groups",
    "as demand for computing power keeps climbing",
];

/// People quoted in the body: name and role.
pub const PEOPLE: &[(&str, &str)] = &[
    (
        "Jiang Yuhao",
        "a researcher with the Institute of Public Policy",
    ),
    (
        "Jia Kai",
        "an associate professor at Shanghai Jiao Tong University",
    ),
    (
        "Cole McFaul",
        "a senior research analyst at Georgetown's Centre for Security and Emerging Technology",
    ),
    (
        "Scott Singer",
        "a visiting scholar at the Carnegie Endowment for International Peace",
    ),
    (
        "Maria Gonzalez",
        "a policy director at a Brussels-based think tank",
    ),
    (
        "Nguyen Thanh Tung",
        "chief technology officer of a Hanoi software firm",
    ),
    (
        "Priya Raman",
        "an economist at the National University of Singapore",
    ),
    ("David Kim", "a partner at a Seoul venture capital fund"),
];

/// Things people are quoted as saying.
pub const QUOTES: &[&str] = &[
    "Real progress requires widespread adoption, not just bigger models",
    "They are very reluctant to commit to binding agreements internationally",
    "This is an inevitable consequence of the current domestic turn inward",
    "The focus has shifted from frontier safety to practical application",
    "Nobody wants to be sidelined while the rules are being written",
    "Smaller companies simply cannot afford the compute",
    "We are seeing the start of a very long race",
    "Open source is changing the landscape of technology development",
];

/// Dek (subtitle) openers.
pub const DEK_OPENERS: &[&str] = &[
    "Meanwhile, America risks being ‘sidelined during a critical period’ as",
    "Analysts say the move could backfire as",
    "The plan comes as",
    "Critics warn that costs will rise as",
    "Observers expect more to follow as",
];

/// English-language author names.
pub const AUTHORS: &[&str] = &[
    "Sarah Zheng",
    "Ben Jiang",
    "Coco Feng",
    "Emily Parker",
    "Daniel O'Brien",
    "Aisha Rahman",
    "Tom Hale",
    "Yuki Tanaka",
];
