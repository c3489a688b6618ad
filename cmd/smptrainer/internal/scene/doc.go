// Package scene is the shape of the trainer's window, after Ebitengine's
// examples/blocks: the window shows one base scene (the chart editor) with
// modal layers stacked over it (help, the task card, the exercise and file
// pickers, review, a name prompt…), and each scene is made of panels.
//
// # The tick
//
// Every tick the game reads one input.Input (from the devices or a script)
// and runs input → update → draw:
//
//  1. Game.Update hands the Input to Manager.Update, which gives it to the
//     top scene only: a modal layer sees every key and click, the scenes
//     under it see nothing (they still get their background work done by
//     Game, which owns the document, the camera and the tile cache).
//  2. Inside a scene, Panels.Update offers the pointer to the panels from
//     the top down; the first whose Update reports consumed ends the
//     routing, and the chart under it never sees the click. Nothing clears
//     buttons in the shared Input: consumption is a return value.
//  3. Keys are turned into keymap.Actions by the one keymap table and
//     dispatched through a map from action to func; the help overlay, the
//     toolbar tooltips and the README's table are generated from the same
//     table.
//  4. Draw draws the scenes bottom to top and changes no state. A scene or
//     panel keeps what it needs to draw (its layout, its scroll offset) from
//     its last Update or Layout.
//
// # Adding a scene
//
// Write a type with Update(in *input.Input) and Draw(screen); open it with
// Manager.Push and close it with Manager.Close (usually from its own
// Update, on Esc). A scene that covers the whole window reports Opaque, so
// the scenes under it are not drawn.
//
// # Adding a panel
//
// Write a type implementing Panel: Layout is told the rectangle it may use
// (in device pixels, at the UI scale) and returns the part it takes, so the
// owner can stack panels; Update gets the tick's Input and says whether it
// took the pointer; Draw draws into the laid-out rectangle. Content taller
// than its rectangle scrolls with a Scroller (wheel, drag of the bar).
// Register the panel in the scene's Panels in drawing order.
package scene
