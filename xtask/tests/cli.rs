//! The command line is clap's: every subcommand answers `--help` with its options, the
//! top-level help lists every subcommand, and bad usage exits 2.

use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
}

#[test]
fn every_subcommand_documents_its_options() {
    let cases: [(&str, &[&str]); 8] = [
        ("generate", &["--check", "--deny-warnings", "--spec <PATH>", "--out <DIR>", "--crate-name <N>", "--root <SCHEMA>", "--config <FILE>"]),
        ("diff", &["<OLD>", "<NEW>", "--root <SCHEMA>", "--format <FORMAT>", "--fail-on-breaking"]),
        ("conformance", &["--corpus <DIR>", "--only <NAME>", "--spec <PATH>", "--examples <DIR>"]),
        ("crosscheck", &["--markdown <FILE>", "--openapi <SPEC>", "--object <NAME>", "--format <FORMAT>"]),
        ("update-specs", &["--vendor <V>", "--upstream <FILE>", "--report <PATH>"]),
        ("bench", &["--quick", "--first-run", "--typed"]),
        ("crosscheck-semver", &["--history <DIR>", "--tool <PATH>", "--only <TEXT>", "--format <FORMAT>"]),
        ("fetch-corpus", &["--manifest <FILE>", "--dest <DIR>", "--mirror <URL>", "--check"]),
    ];
    for (command, options) in cases {
        let o = xtask(&[command, "--help"]);
        let help = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{command} --help: {}", String::from_utf8_lossy(&o.stderr));
        assert!(help.contains(&format!("Usage: cargo xtask {command}")), "{help}");
        for option in options {
            assert!(help.contains(option), "{command} --help does not mention {option}:\n{help}");
        }
        // Every option says what it does: on its line, or (clap's long help) on the next.
        let lines: Vec<&str> = help.lines().collect();
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.trim_start().starts_with("--")) {
            let next = lines.get(i + 1).map_or("", |l| l.trim());
            assert!(line.trim().contains("  ") || !(next.is_empty() || next.starts_with('-')), "{command}: undocumented option: {line}");
        }
    }
    let o = xtask(&["--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0));
    for (command, _) in cases {
        assert!(help.lines().any(|l| l.trim_start().starts_with(command)), "top-level help lacks {command}:\n{help}");
    }
}

#[test]
fn bad_usage_exits_2_with_clap_errors() {
    for args in [
        &["generate", "--bogus"][..],
        &["generate", "--spec", "x.yaml"],
        &["generate", "--root", "Thing"],
        &["diff", "only-one.yaml"],
        &["diff", "a", "b", "--format", "xml"],
        &["crosscheck", "--markdown", "a.md"],
        &["conformance", "--examples", "dir"],
        &["no-such-command"],
    ] {
        let o = xtask(args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: ") && stderr.contains("For more information, try '--help'"), "{args:?}: {stderr}");
    }
}
