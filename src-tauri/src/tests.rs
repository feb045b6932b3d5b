//! The commands through Tauri's own IPC path on its mock runtime, with the app's real
//! configuration and capabilities: what the page may call, what a remote page may not, and what
//! each command answers.

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

use super::*;

const OWN_ORIGIN: &str = "tauri://localhost";

struct TestApp {
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _packs: tempfile::TempDir,
}

fn start(options: Options) -> TestApp {
    let packs = tempfile::tempdir().unwrap();
    let pack = exposure_demo::build_demo_pack(packs.path(), &Default::default()).unwrap();
    let library = Library::discover(TrustedKeys::new(), [(pack.as_path(), Origin::CommandLine)]);
    start_with(options, library, References::in_memory(), packs)
}

/// The app over `library` and `references`, keeping `packs` (the folder they lie in) alive.
fn start_with(
    options: Options,
    library: Library,
    references: References,
    packs: tempfile::TempDir,
) -> TestApp {
    start_state(AppState::new(options, library, references), packs)
}

fn start_state(state: AppState, packs: tempfile::TempDir) -> TestApp {
    let app = configure(mock_builder(), state)
        .build(tauri::generate_context!(test = true))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    TestApp {
        app,
        window,
        _packs: packs,
    }
}

fn call_from(
    window: &WebviewWindow<MockRuntime>,
    origin: &str,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

fn call(app: &TestApp, cmd: &str, args: Value) -> Result<Value, Value> {
    call_from(&app.window, OWN_ORIGIN, cmd, args)
}

#[test]
fn the_page_learns_the_loaded_packs_and_settings() {
    let app = start(Options::default());
    let session = call(&app, "app_state", json!({})).unwrap();
    assert_eq!(session["settings"]["kiosk"], false);
    assert_eq!(session["settings"]["idleSeconds"], 90);
    let packs = session["library"]["packs"].as_array().unwrap();
    assert_eq!(packs.len(), 1);
    assert_eq!(packs[0]["demo"], true);
    assert_eq!(packs[0]["protection"], "weak");
    assert_eq!(packs[0]["signature"]["status"], "unsigned");
}

/// The window does not wait for the packs: the page learns they are opening, and then what they
/// are once open.
#[test]
fn the_page_shows_before_the_packs_are_open_and_learns_them_once_they_are() {
    let packs = tempfile::tempdir().unwrap();
    let pack = exposure_demo::build_demo_pack(packs.path(), &Default::default()).unwrap();
    let app = start_state(AppState::opening_later(Options::default()), packs);
    let session = call(&app, "app_state", json!({})).unwrap();
    assert_eq!(session["opening"], true);
    assert_eq!(session["library"]["packs"], json!([]));

    let library = Library::discover(TrustedKeys::new(), [(pack.as_path(), Origin::CommandLine)]);
    let loaded = Loaded {
        library,
        demo_folder: None,
    };
    app.app
        .state::<AppState>()
        .open_packs(loaded, References::in_memory());
    let library = call(&app, "packs_opened", json!({})).unwrap();
    assert_eq!(library["packs"].as_array().unwrap().len(), 1);
    let session = call(&app, "app_state", json!({})).unwrap();
    assert_eq!(session["opening"], false);
    assert_eq!(session["library"], library);
}

#[test]
fn a_remote_origin_may_call_no_command() {
    let app = start(Options::default());
    for origin in [
        "https://example.com",
        "http://127.0.0.1:8080",
        "tauri://evil.example",
    ] {
        let refused = call_from(&app.window, origin, "app_state", json!({}));
        assert!(refused.is_err(), "{origin} was let through: {refused:?}");
    }
    assert!(call(&app, "app_state", json!({})).is_ok());
}

#[test]
fn commands_no_capability_grants_are_refused_even_to_the_app() {
    let app = start(Options::default());
    // The dialog plugin is linked for the backend's own use; the page may not open dialogs.
    let refused = call(&app, "plugin:dialog|open", json!({ "options": {} }));
    assert!(refused.is_err(), "{refused:?}");
    assert!(call(&app, "no_such_command", json!({})).is_err());
}

#[test]
fn a_window_outside_the_capability_may_call_nothing() {
    let app = start(Options::default());
    let other = WebviewWindowBuilder::new(&app.app, "other", Default::default())
        .build()
        .unwrap();
    assert!(call_from(&other, OWN_ORIGIN, "app_state", json!({})).is_err());
}

#[test]
fn validation_gives_the_reason_and_never_the_normalized_value() {
    let app = start(Options::default());
    let reason = call(
        &app,
        "validate",
        json!({ "field": { "kind": "phone", "value": "12345" } }),
    )
    .unwrap();
    assert_eq!(reason["messageId"], "invalid-phone-local-only");
    let fine = call(
        &app,
        "validate",
        json!({ "field": { "kind": "phone", "value": "138 0013 8000" } }),
    )
    .unwrap();
    assert_eq!(fine, Value::Null);
}

#[test]
fn a_check_finds_the_demo_person_and_returns_nothing_typed() {
    let app = start(Options::default());
    let person = exposure_demo::showcase_person();
    let view = call(
        &app,
        "check",
        json!({
            "fields": [
                { "kind": "phone", "value": person.phone },
                { "kind": "national_id", "value": person.national_id },
                { "kind": "email", "value": "not an email" },
            ],
            "progress": "__CHANNEL__:1",
        }),
    )
    .unwrap();
    assert_eq!(view["checked"], 2);
    let breaches: Vec<&str> = view["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["breachId"].as_str().unwrap())
        .collect();
    for breach in &person.breaches[..1] {
        assert!(breaches.contains(&breach.as_str()), "{breaches:?}");
    }
    let text = view.to_string();
    assert!(!text.contains(&person.phone) && !text.contains(&person.national_id));
}

#[test]
fn kiosk_mode_refuses_the_file_dialog() {
    let app = start(Options {
        kiosk: true,
        ..Options::default()
    });
    let refused = call(&app, "add_packs", json!({ "folder": false })).unwrap_err();
    assert_eq!(refused["kind"], "kiosk");
    assert_eq!(refused["messageId"], "app-kiosk-no-files");
}

#[test]
fn kiosk_idle_reset_opens_a_fresh_window() {
    let app = start(Options {
        kiosk: true,
        ..Options::default()
    });
    call(&app, "idle_reset", json!({})).unwrap();
    call(&app, "idle_reset", json!({})).unwrap();
    // The old windows' destruction is an event the mock runtime never delivers; the end-to-end
    // kiosk test sees the real one.
    let labels = app.app.webview_windows();
    assert!(labels.contains_key("main-1") && labels.contains_key("main-2"));
}

#[test]
fn outside_kiosk_mode_idle_reset_changes_nothing() {
    let app = start(Options::default());
    call(&app, "idle_reset", json!({})).unwrap();
    let labels: Vec<String> = app.app.webview_windows().into_keys().collect();
    assert_eq!(labels, ["main"]);
}

#[test]
fn removing_a_pack_leaves_none_to_check_against() {
    let app = start(Options::default());
    let session = call(&app, "app_state", json!({})).unwrap();
    let id = session["library"]["packs"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let library = call(&app, "remove_pack", json!({ "id": id })).unwrap();
    assert_eq!(library["packs"], json!([]));
    let unknown = call(&app, "guess_costs", json!({ "id": id })).unwrap_err();
    assert_eq!(unknown["kind"], "unknown_pack");
}

/// A pack the person added is opened where it lies at the next start, and removing it forgets
/// its path and leaves its file; what the app keeps holds that path and nothing typed.
#[test]
fn an_added_pack_is_found_again_where_it_lies_and_removing_it_forgets_only_its_path() {
    let user = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let pack = exposure_demo::build_demo_pack(stick.path(), &Default::default()).unwrap();
    let places = Places {
        user_dir: Some(user.path().to_owned()),
        beside_app: None,
    };
    let options = Options::default();
    let mut references = places.references(&options);
    let mut library = Library::new();
    library.add_referenced(&pack, &mut references).unwrap();

    // The next start.
    let references = places.references(&options);
    assert_eq!(references.paths(), std::slice::from_ref(&pack));
    let library = places.load(&options, &references).library;
    assert_eq!(library.shelved().len(), 1);
    assert_eq!(library.shelved()[0].origin, Origin::Added);
    assert_eq!(library.shelved()[0].pack.path(), pack.as_path());
    let app = start_with(options, library, references, stick);
    let person = exposure_demo::showcase_person();
    let typed = [&person.phone, &person.email, &person.national_id];
    call(
        &app,
        "check",
        json!({
            "fields": [
                { "kind": "phone", "value": person.phone },
                { "kind": "email", "value": person.email },
                { "kind": "national_id", "value": person.national_id },
            ],
            "progress": "__CHANNEL__:1",
        }),
    )
    .unwrap();
    // Everything the app wrote under its data folder: the list of paths, exactly.
    let kept = user.path().join(REFERENCES_FILE);
    let names: Vec<_> = std::fs::read_dir(user.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, [REFERENCES_FILE]);
    let text = std::fs::read_to_string(&kept).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({ "version": 1, "packs": [pack] })
    );
    for value in typed {
        assert!(!text.contains(value.as_str()));
    }

    let session = call(&app, "app_state", json!({})).unwrap();
    let id = session["library"]["packs"][0]["id"].clone();
    let bytes = std::fs::read(&pack).unwrap();
    let library = call(&app, "remove_pack", json!({ "id": id })).unwrap();
    assert_eq!(library["packs"], json!([]));
    assert!(places.references(&Options::default()).paths().is_empty());
    assert_eq!(std::fs::read(&pack).unwrap(), bytes);
}

/// An added pack whose file is gone is refused at every start until the person forgets it from
/// the Packs page; a kiosk forgets nothing.
#[test]
fn an_added_pack_whose_file_is_gone_is_forgotten_from_the_page() {
    let user = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let gone = stick.path().join("unplugged.exposure");
    let places = Places {
        user_dir: Some(user.path().to_owned()),
        beside_app: None,
    };
    places
        .references(&Options::default())
        .remember(&gone)
        .unwrap();
    let start_as = |options: Options, stick| {
        let references = places.references(&options);
        let library = places.load(&options, &references).library;
        start_with(options, library, references, stick)
    };
    let kiosk = start_as(
        Options {
            kiosk: true,
            ..Options::default()
        },
        tempfile::tempdir().unwrap(),
    );
    let path = json!({ "path": gone });
    let refused = call(&kiosk, "forget_added", path.clone()).unwrap_err();
    assert_eq!(refused["kind"], "kiosk");

    let app = start_as(Options::default(), stick);
    let session = call(&app, "app_state", json!({})).unwrap();
    let refusal = &session["library"]["refused"][0];
    assert_eq!(refusal["path"], json!(gone));
    assert_eq!(refusal["forgettable"], json!(true));
    let library = call(&app, "forget_added", path).unwrap();
    assert_eq!(library["refused"], json!([]));
    assert!(places.references(&Options::default()).paths().is_empty());
}

/// A kiosk checks against the packs added before, and a session on it changes nothing the
/// machine keeps.
#[test]
fn a_kiosk_uses_the_added_packs_and_keeps_nothing_of_its_session() {
    let user = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let pack = exposure_demo::build_demo_pack(stick.path(), &Default::default()).unwrap();
    let places = Places {
        user_dir: Some(user.path().to_owned()),
        beside_app: None,
    };
    let mut references = places.references(&Options::default());
    references.remember(&pack).unwrap();
    let kept = std::fs::read(user.path().join(REFERENCES_FILE)).unwrap();

    let kiosk = Options {
        kiosk: true,
        ..Options::default()
    };
    let references = places.references(&kiosk);
    let library = places.load(&kiosk, &references).library;
    assert_eq!(library.shelved()[0].origin, Origin::Added);
    let app = start_with(kiosk, library, references, stick);
    let session = call(&app, "app_state", json!({})).unwrap();
    let id = session["library"]["packs"][0]["id"].clone();
    call(&app, "remove_pack", json!({ "id": id })).unwrap();
    assert_eq!(
        std::fs::read(user.path().join(REFERENCES_FILE)).unwrap(),
        kept
    );
}

#[test]
fn the_packs_folders_are_read_in_order_and_the_demo_pack_fills_in_when_empty() {
    let user = tempfile::tempdir().unwrap();
    let places = Places {
        user_dir: Some(user.path().to_owned()),
        beside_app: None,
    };
    let none = References::in_memory();
    let fallback = places.load(&Options::default(), &none);
    assert_eq!(fallback.library.shelved().len(), 1);
    assert_eq!(fallback.library.shelved()[0].origin, Origin::Demo);

    let packs = user.path().join("packs");
    exposure_demo::build_demo_pack(&packs, &Default::default()).unwrap();
    let found = places.load(&Options::default(), &none).library;
    assert_eq!(found.shelved().len(), 1);
    assert_eq!(found.shelved()[0].origin, Origin::UserFolder);

    let demo_only = places.load(
        &Options {
            demo: true,
            ..Options::default()
        },
        &none,
    );
    assert_eq!(demo_only.library.shelved()[0].origin, Origin::Demo);
}

/// Bytes this thread has read through system calls so far, from Linux's per-thread accounting:
/// SQLite reads a pack on the thread that opens it, so the difference across a start is what the
/// start read, whatever other tests read meanwhile.
#[cfg(target_os = "linux")]
fn bytes_read_by_this_thread() -> u64 {
    let io = std::fs::read_to_string("/proc/thread-self/io").unwrap();
    io.lines()
        .find_map(|line| line.strip_prefix("rchar: "))
        .and_then(|count| count.trim().parse().ok())
        .expect("an rchar line")
}

/// Makes the v2 pack at `pack` about `bytes` long without writing them: a sparse tail of pages no
/// table uses, and the header's page count to match, so the file opens as a pack of that size.
#[cfg(target_os = "linux")]
fn grow_sparse(pack: &std::path::Path, bytes: u64) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(pack)
        .unwrap();
    let mut header = [0u8; 100];
    file.read_exact(&mut header).unwrap();
    let page_size = u64::from(u16::from_be_bytes([header[16], header[17]]));
    let pages = bytes / page_size;
    file.set_len(pages * page_size).unwrap();
    file.seek(SeekFrom::Start(28)).unwrap();
    file.write_all(&u32::try_from(pages).unwrap().to_be_bytes())
        .unwrap();
}

/// Starting the app with a 10 GB pack in its packs folder reads what starting it with a small one
/// reads: the pack is opened in place, a few pages, and nothing else reads it at start.
#[cfg(target_os = "linux")]
#[test]
fn starting_with_a_pack_of_ten_gigabytes_reads_what_starting_with_a_small_one_reads() {
    let user = tempfile::tempdir().unwrap();
    let packs = user.path().join("packs");
    let pack = exposure_demo::build_demo_pack(&packs, &Default::default()).unwrap();
    let places = Places {
        user_dir: Some(user.path().to_owned()),
        beside_app: None,
    };
    let start = |expected_len: u64| {
        let before = bytes_read_by_this_thread();
        let options = Options::default();
        let library = places.load(&options, &places.references(&options)).library;
        let read = bytes_read_by_this_thread() - before;
        assert_eq!(library.shelved().len(), 1, "{:?}", library.refused());
        assert_eq!(library.shelved()[0].origin, Origin::UserFolder);
        assert_eq!(std::fs::metadata(&pack).unwrap().len(), expected_len);
        read
    };
    let small_len = std::fs::metadata(&pack).unwrap().len();
    let small = start(small_len);
    const TEN_GB: u64 = 10_000_000_000;
    grow_sparse(&pack, TEN_GB);
    let large_len = std::fs::metadata(&pack).unwrap().len();
    assert!(large_len > TEN_GB - 65_536, "{large_len}");
    let large = start(large_len);
    assert!(small < 1 << 20, "a small pack's start read {small} bytes");
    assert_eq!(large, small, "the start read more of the large pack");
}

/// The demo pack is read where it lies, so its file lasts while it is in use, and goes with the
/// app: nothing of it is left on disk.
#[test]
fn the_demo_pack_lies_in_a_private_folder_that_lasts_as_long_as_it_is_used() {
    let places = Places::default();
    let loaded = places.load(
        &Options {
            demo: true,
            ..Options::default()
        },
        &References::in_memory(),
    );
    let pack = loaded.library.shelved()[0].pack.path().to_owned();
    assert_eq!(std::fs::read(&pack).unwrap(), DEMO_PACK);
    let folder = loaded.demo_folder.as_ref().unwrap().path().to_owned();
    assert!(pack.starts_with(&folder));
    let app = start_with(
        Options::default(),
        loaded.library,
        References::in_memory(),
        loaded.demo_folder.unwrap(),
    );
    let person = exposure_demo::showcase_person();
    let view = call(
        &app,
        "check",
        json!({
            "fields": [{ "kind": "phone", "value": person.phone }],
            "progress": "__CHANNEL__:1",
        }),
    )
    .unwrap();
    assert!(!view["findings"].as_array().unwrap().is_empty());
    drop(app);
    assert!(!folder.exists());
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/app-bindings.ts");
    assert!(
        exposure_core::view::bindings_are_current(path.as_ref(), &typescript_bindings()),
        "ui/src/app-bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p exposure-desktop`"
    );
}

#[test]
fn the_built_configuration_allows_no_remote_origin() {
    let context: tauri::Context<MockRuntime> = tauri::generate_context!(test = true);
    let config = context.config();
    assert!(!config.app.with_global_tauri, "no global Tauri object");
    assert!(config.app.security.freeze_prototype);
    let csp = config.app.security.csp.as_ref().expect("a CSP").to_string();
    for directive in [
        "default-src 'self'",
        "connect-src ipc: http://ipc.localhost",
        "object-src 'none'",
        "frame-src 'none'",
        "form-action 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    for remote in ["http:", "https:", "ws:", "wss:", "*"] {
        for part in csp.split(';') {
            let sources: Vec<&str> = part.split_whitespace().skip(1).collect();
            assert!(!sources.contains(&remote), "{remote} is allowed in {part}");
        }
    }
    assert!(
        config.app.windows.is_empty(),
        "the one window is built in code, incognito and confined to the app's pages"
    );
}

#[test]
fn the_one_capability_grants_only_the_apps_own_commands_to_its_own_windows() {
    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
    assert!(
        capability.get("remote").is_none(),
        "no remote URL may call commands"
    );
    assert_eq!(capability["windows"], json!(["main", "main-*"]));
    for permission in capability["permissions"].as_array().unwrap() {
        let permission = permission.as_str().unwrap();
        assert!(
            permission.starts_with("allow-"),
            "{permission} is not one of the app's commands"
        );
    }
}

#[test]
fn no_plugin_or_crate_that_reaches_the_network_or_a_shell_is_linked() {
    // What this platform's build links, not every optional dependency Cargo.lock can name.
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "exposure-desktop",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(["--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).unwrap();
    let linked: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split(' ').next())
        .collect();
    assert!(
        linked.contains(&"tauri"),
        "the tree was read: {}",
        linked.len()
    );
    for banned in [
        "tauri-plugin-http",
        "tauri-plugin-shell",
        "tauri-plugin-opener",
        "tauri-plugin-updater",
        "tauri-plugin-websocket",
        "tauri-plugin-upload",
        "tauri-plugin-localhost",
        "reqwest",
        "ureq",
        "hyper",
        "curl",
    ] {
        assert!(!linked.contains(&banned), "{banned} is linked");
    }
}

/// A check holds the library only to take what its argon2 work needs and to look its keys up:
/// while it hashes, the other commands answer at once.
#[test]
fn validate_and_app_state_answer_while_a_check_hashes() {
    use std::sync::mpsc;

    use exposure_core::check::input::InputKind;
    use exposure_core::progress::{Cancel, Phase, Progress};
    use exposure_core::view::FieldValue;

    /// Holds the check as its hashing starts until the test lets it go.
    struct Paused {
        started: Mutex<mpsc::Sender<()>>,
        resume: Mutex<mpsc::Receiver<()>>,
    }
    impl Progress for Paused {
        fn start(&self, _: Phase, _: u64) {
            let _ = self.started.lock().unwrap().send(());
            // Returns at once once the test has dropped its sender.
            let _ = self
                .resume
                .lock()
                .unwrap()
                .recv_timeout(Duration::from_secs(60));
        }
        fn update(&self, _: u64, _: u64) {}
        fn finish(&self, _: Phase) {}
    }

    let app = start(Options::default());
    let (started_tx, started) = mpsc::channel();
    let (resume, resume_rx) = mpsc::channel::<()>();
    let paused = Paused {
        started: Mutex::new(started_tx),
        resume: Mutex::new(resume_rx),
    };
    let handle = app.app.handle().clone();
    let view = std::thread::scope(|scope| {
        // Dropped when this closure ends, even by a failed assertion: the check then goes on.
        let resume = resume;
        let check = scope.spawn(|| {
            let state = handle.state::<AppState>();
            let field = FieldValue {
                kind: InputKind::Phone,
                value: zeroize::Zeroizing::new("13800138000".to_owned()),
            };
            exposure_core::view::check(vec![field], &state.library, &paused, &Cancel::new())
        });
        started
            .recv_timeout(Duration::from_secs(60))
            .expect("the check starts hashing");
        let state = handle.state::<AppState>();
        assert!(
            state.library.try_lock().is_ok(),
            "a hashing check holds the library"
        );
        let reason = call(
            &app,
            "validate",
            json!({ "field": { "kind": "email", "value": "nobody" } }),
        )
        .unwrap();
        assert_eq!(reason["messageId"], "invalid-email-without-at");
        let session = call(&app, "app_state", json!({})).unwrap();
        assert_eq!(session["library"]["packs"].as_array().unwrap().len(), 1);
        drop(resume);
        check.join().unwrap()
    })
    .unwrap();
    assert_eq!((view.checked, view.packs), (1, 1));
}

/// The app embeds the demo pack built by `build.rs`; this builds it again as `exposure demo` does
/// (default seed, rows and profile: `tests/cli/build.rs` checks the CLI's pack equals this one).
#[test]
fn the_embedded_demo_pack_is_the_one_exposure_demo_builds() {
    let dir = tempfile::tempdir().unwrap();
    let pack = exposure_demo::build_demo_pack(dir.path(), &Default::default()).unwrap();
    let built = std::fs::read(pack).unwrap();
    assert!(built == DEMO_PACK, "the embedded demo pack is stale");
}

/// The normal dependencies a manifest names (its `[dependencies]` and target-specific ones).
fn normal_dependencies(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut inside = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == "[dependencies]"
                || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
        } else if inside
            && let Some((name, _)) = line.split_once(['.', '=', ' '])
            && !name.is_empty()
            && !name.starts_with('#')
        {
            names.push(name.to_owned());
        }
    }
    names
}

/// The app links no builder, no demo generator, no fuzz code and none of the crates only they
/// bring: plans, dump readers, archives, generators (DESIGN.md §1). Neither the app's manifest nor
/// the core's names one as a normal dependency. (`csv` is the check's own too: `check --batch`
/// reads a file of people through the core.)
#[test]
fn the_app_links_no_builder_and_no_generator() {
    const FORBIDDEN: [&str; 12] = [
        "exposure-build",
        "exposure-demo",
        "exposure-fuzzing",
        "toml",
        "rand",
        "rand_chacha",
        "encoding_rs_io",
        "calamine",
        "zip",
        "flate2",
        "chardetng",
        "rust_xlsxwriter",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for manifest in ["Cargo.toml", "../crates/core/Cargo.toml"] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        let names = normal_dependencies(&text);
        assert!(
            names.iter().any(|name| name == "serde"),
            "{manifest}: {names:?}"
        );
        for name in &names {
            assert!(
                !FORBIDDEN.contains(&name.as_str()),
                "{manifest} links {name}"
            );
        }
    }
}
