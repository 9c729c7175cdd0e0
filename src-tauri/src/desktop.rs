//! Desktop extras that a headless or locked-down machine may lack. They fail softly: a log
//! line, never a crash or a blocked command.

use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

/// Shows a desktop notification when the desktop can show one.
pub fn notify<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) {
    if let Some(why) = notifications_unavailable() {
        tracing::warn!(
            reason = why,
            title,
            "desktop notification unavailable; continuing without it"
        );
        return;
    }
    // The plugin sends on its own task and drops delivery errors, so only set-up errors show here.
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!(error = %e, title, "desktop notification unavailable; continuing without it");
    }
}

/// On Linux, notifications travel over the D-Bus session bus, which a headless session (Xvfb,
/// a service, SSH) does not have; sending would fail silently.
#[cfg(all(unix, not(target_os = "macos")))]
fn notifications_unavailable() -> Option<&'static str> {
    let has_bus_address =
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    let has_runtime_bus = std::env::var_os("XDG_RUNTIME_DIR")
        .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists());
    (!has_bus_address && !has_runtime_bus).then_some("no D-Bus session bus")
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn notifications_unavailable() -> Option<&'static str> {
    None
}

/// The web view keeps no caches a local app has no use for. WebKitGTK's default cache model is a
/// web browser's (a memory cache of resources and a back/forward cache of whole pages); the app
/// loads its own files from its own protocol and never navigates away, so the document viewer's
/// model, which turns those caches off, gives up nothing and keeps the web process smaller.
#[cfg(target_os = "linux")]
pub fn lean_web_view<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    let result = window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        match webview.inner().context() {
            Some(context) => context.set_cache_model(CacheModel::DocumentViewer),
            None => tracing::warn!("the web view has no context; caches left as they are"),
        }
    });
    if let Err(e) = result {
        tracing::warn!(error = %e, "could not reach the web view; caches left as they are");
    }
}

/// Elsewhere the platform's web view (WebView2, WKWebView) sizes its caches for an app itself.
#[cfg(not(target_os = "linux"))]
pub fn lean_web_view<R: Runtime>(_window: &tauri::WebviewWindow<R>) {}

/// The JavaScriptCore option that keeps the web process's script engine off its optimising tier
/// (the DFG, and the FTL above it). That tier's compiled code and what it keeps to compile it
/// held about 30 MB of the web process on the demo floor, a third of what the board adds to an
/// empty page; in the baseline tier a push reaches the screen a few milliseconds later, well
/// within the board's targets (measured in ARCHITECTURE.md). A value the user sets wins, so
/// `JSC_useDFGJIT=true` turns the tier back on.
#[cfg(target_os = "linux")]
pub const SCRIPT_ENGINE_OPTION: (&str, &str) = ("JSC_useDFGJIT", "false");

/// Starts the app again in this same process with [`SCRIPT_ENGINE_OPTION`] in its environment,
/// unless the environment names the option already. The web process reads JavaScriptCore's
/// options from the environment it inherits, and a running Rust program may not change its own
/// environment safely, so the app replaces itself (same process id, same arguments) before it
/// opens anything. Returns only when it did not replace itself: with the error if the start
/// failed, which the caller logs once logging is up, and the app runs with the engine's defaults.
#[cfg(target_os = "linux")]
pub fn lean_script_engine() -> Option<std::io::Error> {
    use std::os::unix::process::CommandExt;
    let (name, value) = SCRIPT_ENGINE_OPTION;
    if std::env::var_os(name).is_some() {
        return None;
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return Some(e),
    };
    let mut args = std::env::args_os();
    let arg0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
    Some(
        std::process::Command::new(&exe)
            .arg0(arg0)
            .args(args)
            .env(name, value)
            .exec(),
    )
}

/// WebView2 and WKWebView are not JavaScriptCore-in-a-child-process that reads its options from
/// the environment; they size their engines themselves.
#[cfg(not(target_os = "linux"))]
pub fn lean_script_engine() -> Option<std::io::Error> {
    None
}
