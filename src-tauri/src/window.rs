//! The one window, and how it is locked down: an incognito webview (no cookies, storage or cache
//! on disk), navigation confined to the app's own pages, and in kiosk mode full screen without
//! devtools. Its label starts with `main`, the only windows the capability grants commands to.

use tauri::{AppHandle, Manager, Runtime, Url, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

use crate::AppState;

/// The app's own origin: the embedded pages (`tauri://localhost`, or `http://tauri.localhost`
/// where the platform needs it). There is no dev server: every build embeds `ui/dist`.
fn is_own_page(url: &Url) -> bool {
    matches!(
        (url.scheme(), url.host_str()),
        ("tauri", Some("localhost")) | ("http" | "https", Some("tauri.localhost"))
    )
}

/// Whether a WebDriver session drives the app (tauri-driver sets this). WebKitGTK lets WebDriver
/// drive only its one automation context, and an incognito (ephemeral) context is never that one,
/// so under test the page runs in a normal context: the stricter case for the end-to-end check
/// that nothing typed reaches the disk, since a normal context may write storage and caches.
fn driven_by_webdriver() -> bool {
    std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true")
}

fn build<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    label: &str,
) -> tauri::Result<WebviewWindow<R>> {
    let kiosk = state.options.kiosk;
    let builder = WebviewWindowBuilder::new(app, label, WebviewUrl::App("index.html".into()))
        .title("Exposure")
        .inner_size(1080.0, 820.0)
        .min_inner_size(420.0, 560.0)
        .incognito(!driven_by_webdriver())
        .on_navigation(is_own_page)
        // Dropping a file on the window must not open it as a page.
        .disable_drag_drop_handler()
        .fullscreen(kiosk)
        .resizable(!kiosk)
        .decorations(!kiosk)
        .focused(true);
    #[cfg(debug_assertions)]
    let builder = builder.devtools(!kiosk);
    builder.build()
}

/// Opens the first window.
pub fn open<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> tauri::Result<()> {
    build(app, state, "main").map(drop)
}

/// Kiosk mode: opens a fresh window, then destroys the old one with its webview and everything
/// the page held in memory.
pub fn renew<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> tauri::Result<()> {
    let old: Vec<WebviewWindow<R>> = app.webview_windows().into_values().collect();
    let label = {
        let mut generation = state.generation.lock().expect("never held across a panic");
        *generation += 1;
        format!("main-{generation}")
    };
    build(app, state, &label)?;
    for window in old {
        window.destroy()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_may_be_shown() {
        assert!(is_own_page(
            &"tauri://localhost/index.html".parse().unwrap()
        ));
        assert!(is_own_page(&"http://tauri.localhost/".parse().unwrap()));
        for remote in [
            "https://example.com/",
            "http://127.0.0.1:8080/",
            "file:///etc/passwd",
            "tauri://evil.example/",
            "data:text/html,hi",
        ] {
            assert!(!is_own_page(&remote.parse().unwrap()), "{remote}");
        }
    }
}
