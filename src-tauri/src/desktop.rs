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
