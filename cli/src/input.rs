//! Reading secrets: from a prompt without echo when stdin is a terminal, else one line of
//! stdin. Never from the command line.

use std::io::{BufRead, IsTerminal};

use crate::failure::Failure;

/// Reads one secret.
pub fn secret(prompt: &str) -> Result<String, Failure> {
    let value = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt)
            .map_err(|e| Failure::local(format!("reading the password: {e}")))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure::local(format!("reading stdin: {e}")))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    if value.is_empty() {
        return Err(Failure::usage(format!(
            "{} cannot be empty",
            prompt.trim_end_matches([':', ' '])
        )));
    }
    Ok(value)
}
