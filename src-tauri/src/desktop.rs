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
