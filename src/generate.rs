//! `mwc completions` and `mwc man`: shell completion scripts and man pages
//! generated from clap's description of the command line, so that they list
//! exactly the subcommands and options `mwc` accepts.

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::report::Reporter;
use clap::CommandFactory;
use std::process::ExitCode;

/// The name the scripts complete and the man pages describe.
const BIN: &str = "mwc";

/// `mwc completions SHELL`: the completion script for SHELL on standard output.
pub fn completions(reporter: &Reporter, args: &CompletionsArgs) -> ExitCode {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, BIN, &mut script);
    write(reporter, &script)
}

/// `mwc man [SUBCOMMAND]`: mwc(1), or mwc-SUBCOMMAND(1), as roff on
/// standard output.
pub fn man(reporter: &Reporter, args: &ManArgs) -> ExitCode {
    // As clap_mangen's own `generate_to` does: no `help` subcommand, and the
    // built command gives each subcommand its display name (`mwc-check`).
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let version = command.get_version().unwrap_or_default().to_string();
    let page = match &args.subcommand {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => return reporter.fail(&format!("no subcommand `{name}`")),
        },
    };
    let man = clap_mangen::Man::new(page).source(format!("{BIN} {version}"));
    let mut roff = Vec::new();
    if let Err(e) = man.render(&mut roff) {
        return reporter.fail(&format!("cannot render the man page: {e}"));
    }
    write(reporter, &roff)
}

/// Writes generated text through [`crate::print`] (a write error is exit 2).
fn write(reporter: &Reporter, bytes: &[u8]) -> ExitCode {
    match crate::print(reporter, &String::from_utf8_lossy(bytes)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(status) => status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `mwc man SUBCOMMAND` accepts exactly the subcommands there are.
    #[test]
    fn man_knows_every_subcommand() {
        let command = Cli::command();
        let mut subcommands: Vec<String> = command
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let man = command.find_subcommand("man").expect("a man subcommand");
        let arg = man
            .get_arguments()
            .find(|a| a.get_id() == "subcommand")
            .expect("the SUBCOMMAND argument");
        let mut accepted: Vec<String> = arg
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        subcommands.sort();
        accepted.sort();
        assert_eq!(accepted, subcommands);
    }
}
