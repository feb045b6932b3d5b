//! The privacy invariants of DESIGN.md §7, each as a test of the real binary (or of what it is
//! linked from): no network, nothing typed persists, no identifier of a dump in a pack or in the
//! builder's output.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use exposure_build::dump::{Row, SourceReader};
use exposure_build::plan::Plan;
use exposure_build::source::Field;
use exposure_core::identifier::{Kind, Normalizer};

use crate::support::{demo, exposure, files_in};

/// Crates that open sockets, or exist to: none may be linked into the CLI or its core.
const SOCKET_CRATES: [&str; 22] = [
    "reqwest",
    "hyper",
    "hyper-util",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "mio",
    "socket2",
    "async-std",
    "h2",
    "tungstenite",
    "native-tls",
    "quinn",
    "hickory-resolver",
    "trust-dns-resolver",
    "tauri-plugin-http",
    "tauri-plugin-updater",
    "tauri-plugin-shell",
    "tauri-plugin-opener",
];

/// The socket-opening crates among the dependencies of `roots`, transitively, in a `Cargo.lock`.
/// The lock file lists the workspace's own dev-dependencies too, and every platform's, so this
/// is stricter than what is linked; it has no features, so `tokio` counts whatever its features.
fn socket_crates(lock: &str, roots: &[&str]) -> BTreeSet<String> {
    let lock: toml::Value = toml::from_str(lock).unwrap();
    let packages = lock["package"].as_array().unwrap();
    let key = |p: &toml::Value| {
        format!(
            "{} {}",
            p["name"].as_str().unwrap(),
            p["version"].as_str().unwrap()
        )
    };
    let by_key: HashMap<String, &toml::Value> = packages.iter().map(|p| (key(p), p)).collect();
    // A dependency is written "name" when one version is locked, else "name version [(source)]".
    let resolve = |dep: &str| -> String {
        let mut words = dep.split(' ');
        let name = words.next().unwrap();
        match words.next() {
            Some(version) => format!("{name} {version}"),
            None => packages
                .iter()
                .find(|p| p["name"].as_str() == Some(name))
                .map(key)
                .unwrap(),
        }
    };
    let mut stack: Vec<String> = packages
        .iter()
        .filter(|p| roots.contains(&p["name"].as_str().unwrap()))
        .map(key)
        .collect();
    assert_eq!(stack.len(), roots.len(), "a root crate is missing");
    let mut seen = BTreeSet::new();
    let mut found = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let package = by_key[&id];
        let name = package["name"].as_str().unwrap();
        if SOCKET_CRATES.contains(&name) || name == "tokio" {
            found.insert(name.to_owned());
        }
        for dep in package
            .get("dependencies")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            stack.push(resolve(dep.as_str().unwrap()));
        }
    }
    found
}

#[test]
fn no_socket_opening_crate_is_linked_into_the_cli_or_the_core() {
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.lock");
    let lock = std::fs::read_to_string(lock).unwrap();
    let found = socket_crates(&lock, &["exposure-core", "exposure-cli"]);
    assert!(found.is_empty(), "socket-opening crates linked: {found:?}");
}

#[test]
fn the_dependency_walk_finds_a_socket_crate_deep_in_the_tree() {
    let lock = r#"
version = 4

[[package]]
name = "exposure-cli"
version = "0.1.0"
dependencies = ["helper", "mio 1.0.0"]

[[package]]
name = "helper"
version = "2.0.0"
dependencies = ["ureq"]

[[package]]
name = "ureq"
version = "3.0.0"

[[package]]
name = "mio"
version = "1.0.0"

[[package]]
name = "mio"
version = "0.8.0"

[[package]]
name = "unrelated"
version = "1.0.0"
dependencies = ["reqwest"]

[[package]]
name = "reqwest"
version = "0.12.0"
"#;
    assert_eq!(
        socket_crates(lock, &["exposure-cli"]),
        BTreeSet::from(["mio".to_owned(), "ureq".to_owned()])
    );
}

/// Runs `exposure args` under `strace -f`, tracing socket calls and file opens, and returns
/// the trace.
fn traced(dir: &Path, args: &[&str], stdin: &str) -> String {
    let trace = dir.join("strace.txt");
    let output = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect,openat,open,creat",
            "-o",
        ])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_exposure"))
        .args(args)
        .env_clear()
        .env("LANG", "en_US.UTF-8")
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            std::io::Write::write_all(child.stdin.as_mut().unwrap(), stdin.as_bytes())?;
            child.wait_with_output()
        })
        .expect("strace is installed (scripts/test installs it)");
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&trace).unwrap();
    std::fs::remove_file(&trace).unwrap();
    text
}

fn assert_no_network_socket(trace: &str) {
    for line in trace.lines() {
        assert!(
            !line.contains("AF_INET") && !line.contains("AF_INET6"),
            "a network socket: {line}"
        );
    }
}

#[cfg_attr(windows, ignore = "traces the binary with strace, a Linux tool")]
#[test]
fn check_opens_no_network_socket_and_no_file_for_writing() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("demo.exposure");
    std::fs::copy(&demo().pack, &pack).unwrap();
    let trace = traced(
        dir.path(),
        &["check", "--pack", "demo.exposure"],
        "phone=13800138000\nemail=zhang.wei@example.cn\n",
    );
    assert!(
        trace.contains("demo.exposure"),
        "strace saw nothing of the check:\n{trace}"
    );
    assert_no_network_socket(&trace);
    for line in trace.lines().filter(|l| l.contains("open")) {
        let writes = ["O_WRONLY", "O_RDWR", "O_CREAT"]
            .iter()
            .any(|flag| line.contains(flag));
        assert!(
            !writes || line.contains("\"/dev/"),
            "check opened a file for writing: {line}"
        );
    }
}

#[cfg_attr(windows, ignore = "traces the binary with strace, a Linux tool")]
#[test]
fn build_opens_no_network_socket() {
    let dir = tempfile::tempdir().unwrap();
    for name in files_in(&demo().dir) {
        if !name.ends_with(".exposure") {
            std::fs::copy(demo().dir.join(&name), dir.path().join(&name)).unwrap();
        }
    }
    let trace = traced(
        dir.path(),
        &[
            "build",
            "plan.toml",
            "--out",
            "traced.exposure",
            "--profile",
            "test",
            "--quiet",
        ],
        "",
    );
    assert!(
        trace.contains("traced.exposure") || trace.contains(".exposure-build-"),
        "{trace}"
    );
    assert_no_network_socket(&trace);
}

#[test]
fn check_leaves_home_temp_and_working_folders_empty_and_never_echoes_an_identifier() {
    let folders: Vec<tempfile::TempDir> = (0..6).map(|_| tempfile::tempdir().unwrap()).collect();
    let canaries = [
        "13987654321",
        "+8613987654321",
        "canary.7f3a@example.org",
        "110105198001011234",
        "金丝雀",
    ];
    let input = "phone=139 8765 4321\nemail=Canary.7F3A@example.org\nnational_id=110105198001011234\nname=金丝雀\ndob=1980-01-01\nphone=13800138000\n";
    for json in [false, true] {
        let mut command = exposure();
        command
            .env("HOME", folders[0].path())
            .env("TMPDIR", folders[1].path())
            .env("XDG_CACHE_HOME", folders[2].path())
            .env("XDG_CONFIG_HOME", folders[3].path())
            .env("XDG_DATA_HOME", folders[4].path())
            .current_dir(folders[5].path())
            .arg("check")
            .arg("--pack")
            .arg(&demo().pack);
        if json {
            command.arg("--json");
        }
        let output = command.write_stdin(input).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stdout.contains("police"), "the check did not run: {stdout}");
        for canary in canaries {
            assert!(!stdout.contains(canary), "{canary} in stdout:\n{stdout}");
            assert!(!stderr.contains(canary), "{canary} in stderr:\n{stderr}");
        }
        for folder in &folders {
            assert!(
                files_in(folder.path()).is_empty(),
                "{} is not empty",
                folder.path().display()
            );
        }
    }
}

/// Every identifier of a plan's dumps, as written and as normalized, at least `min` bytes long.
pub fn identifiers_of(plan: &Path, min: usize) -> BTreeSet<String> {
    let plan = Plan::load(plan).unwrap();
    let normalizer = Normalizer::new(plan.default_region);
    let mut out = BTreeSet::new();
    for source in plan.breaches.iter().flat_map(|b| &b.sources) {
        let mut reader = SourceReader::open(source).unwrap();
        while let Some(row) = reader.next_row().unwrap() {
            let Row::Record(record) = row else { continue };
            let mut name = None;
            let mut dob = None;
            for value in &record.values {
                let text = value.text.trim().to_owned();
                let kind = match &source.columns[value.column].1 {
                    Field::Email => Kind::Email,
                    Field::Phone => Kind::Phone,
                    Field::NationalIdCn => Kind::NationalId,
                    Field::Username => Kind::Username,
                    Field::Name => {
                        name = Some(text.clone());
                        out.insert(text);
                        continue;
                    }
                    Field::Dob => {
                        dob = Some(text);
                        continue;
                    }
                    _ => continue,
                };
                if let Ok(normalized) = normalizer.normalize(kind, &text) {
                    out.insert(normalized.expose().to_owned());
                }
                out.insert(text);
            }
            if let (Some(name), Some(dob)) = (name, dob)
                && let Ok(normalized) = normalizer.name_dob(&name, &dob)
            {
                out.insert(normalized.expose().to_owned());
            }
        }
    }
    out.retain(|value| value.len() >= min);
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_identifier_of_the_demo_dump_is_in_its_pack_or_in_the_build_output() {
    let dir = tempfile::tempdir().unwrap();
    let demo_output = exposure()
        .args(["demo", "--rows", "400", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(demo_output.status.success());
    let build_output = exposure()
        .args([
            "build",
            "plan.toml",
            "--out",
            "rebuilt.exposure",
            "--profile",
            "test",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(build_output.status.success());
    // Six bytes and more: shorter strings turn up by chance among a pack's random key bytes.
    let identifiers = identifiers_of(&dir.path().join("plan.toml"), 6);
    assert!(
        identifiers.len() > 400,
        "too few identifiers: {}",
        identifiers.len()
    );
    let packs: Vec<(PathBuf, Vec<u8>)> = ["demo.exposure", "rebuilt.exposure"]
        .iter()
        .map(|name| {
            let path = dir.path().join(name);
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    let outputs = [
        &demo_output.stdout,
        &demo_output.stderr,
        &build_output.stdout,
        &build_output.stderr,
    ];
    for identifier in &identifiers {
        let gb18030 = encoding_rs::GB18030.encode(identifier).0.into_owned();
        for (path, bytes) in &packs {
            assert!(
                !contains(bytes, identifier.as_bytes()) && !contains(bytes, &gb18030),
                "an identifier of the dump is in {}",
                path.display()
            );
        }
        for output in outputs {
            assert!(
                !contains(output, identifier.as_bytes()),
                "an identifier of the dump is in the output:\n{}",
                String::from_utf8_lossy(output)
            );
        }
    }
}
