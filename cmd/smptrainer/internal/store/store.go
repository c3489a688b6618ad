// Package store is the trainer's only door to what it keeps: session
// files, the recovery files autosave writes (one per piece of work), the
// progress marks and the settings. The UI asks store for them and never
// touches them itself, so the UI code is the same on every platform.
//
// On the desktop everything is a file in the trainer's data folder
// (folders.go, recovery_os.go), read through package safefile: regular
// files of bounded size only, each problem one line naming the file.
// Sessions live in DataDir()/sessions. DataDir is, in order:
//
//   - $SMPTRAINER_DATA when set (tests and portable installs);
//   - $XDG_DATA_HOME/smptrainer when XDG_DATA_HOME is set;
//   - ~/.local/share/smptrainer on Linux and the BSDs (the XDG default);
//   - os.UserConfigDir()/smptrainer elsewhere: %AppData%\smptrainer on
//     Windows, ~/Library/Application Support/smptrainer on macOS, which
//     are those systems' places for per-user application data.
//
// The browser edition (js/wasm) has no file system. There the settings,
// the progress marks and the recovery files live in the browser's
// storage for the page's origin (localStorage; the logic is shelf.go's,
// the storage browser_js.go's), a session is saved by downloading it,
// and one is opened through the browser's file chooser or by dropping it
// on the page (package webfile).
package store

import "errors"

// AppDir is the folder name under the user's data directory.
const AppDir = "smptrainer"

// ErrNoFiles is returned where the platform has no folders (the browser
// edition): there is nothing to list, or to write beside a session.
var ErrNoFiles = errors.New("the browser edition has no folders to list or write to (Ctrl+S downloads the session file, Ctrl+O opens one)")
