//! Integration tests of the model crate: the generated schema, and that the
//! serde types and the schema agree on what an article is.

mod canonical;
mod schema;
