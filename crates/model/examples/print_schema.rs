fn main() { print!("{}", articlekit_model::schema_text()); }
