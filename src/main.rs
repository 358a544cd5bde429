use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = csweek::Cli::from_env();
    match csweek::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Errors quote files and arguments: nothing in them may reach
            // the terminal as a control character.
            let safe = |text: String| csweek::source::escaped_lines(&text).into_owned();
            eprintln!("error: {}", safe(error.to_string()));
            for cause in error.chain().skip(1) {
                eprintln!("caused by: {}", safe(cause.to_string()));
            }
            ExitCode::from(2)
        }
    }
}

/// A reader that went away (`csweek plan | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
