//! The `byline` binary: parses arguments, runs the library, prints errors, sets the exit code.

use std::io::Write as _;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: byline::Allocator = byline::Allocator {};

fn main() {
    let cli = byline::cli::Cli::parse();
    let code = match byline::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Not eprintln!: it panics when stderr is gone (a closed terminal), and an error
            // message quoting a path must not carry its control characters either.
            let msg = byline::corpus::sanitize::sanitize_line(&format!("{e:#}"));
            let _ = writeln!(std::io::stderr(), "byline: error: {msg}");
            1
        }
    };
    std::process::exit(code);
}
