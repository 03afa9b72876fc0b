//! The `byline` binary: parses arguments, runs the library, prints errors, sets the exit code.

use clap::Parser;

fn main() {
    let cli = byline::cli::Cli::parse();
    let code = match byline::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("byline: error: {e:#}");
            1
        }
    };
    std::process::exit(code);
}
