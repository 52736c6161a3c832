//! The pest parser generated from `grammar/mw.pest`. Its types never leave
//! `syntax/`.

use pest_derive::Parser;

/// The generated parser.
#[derive(Parser)]
#[grammar = "../grammar/mw.pest"]
pub struct MwParser;
