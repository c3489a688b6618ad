//go:build js

package webfile

import (
	"fmt"
	"io/fs"
	"syscall/js"
	"time"
)

// chosen carries the file the trainee picked to the game loop.
var chosen = make(chan fs.FS, 1)

// Download hands data to the browser as a file called name (a Blob
// behind a link with the download attribute, clicked): the browser saves
// it to its downloads folder, or asks where.
func Download(name, mime string, data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the browser refused the download of %s: %v", name, r)
		}
	}()
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// The browser reads the blob when the download starts; a minute is
	// far more than that takes.
	go func() {
		time.Sleep(time.Minute)
		js.Global().Get("URL").Call("revokeObjectURL", url)
	}()
	return nil
}

// Choose opens the browser's file chooser for one file of the types in
// accept (".json,application/json"); a chosen file larger than limit
// bytes is refused without reading it. The file arrives through Chosen.
func Choose(accept string, limit int64) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the browser's file chooser did not open: %v", r)
		}
	}()
	doc := js.Global().Get("document")
	in := doc.Call("createElement", "input")
	in.Set("type", "file")
	in.Set("accept", accept)
	var onChange js.Func
	onChange = js.FuncOf(func(this js.Value, args []js.Value) any {
		onChange.Release()
		files := in.Get("files")
		if files.IsNull() || files.Get("length").Int() == 0 {
			return nil
		}
		f := files.Index(0)
		go read(f, limit) // a callback must not block
		return nil
	})
	in.Call("addEventListener", "change", onChange)
	in.Call("click")
	return nil
}

// read reads the chosen file and delivers it to Chosen.
func read(f js.Value, limit int64) {
	one := &oneFile{name: f.Get("name").String(), modTime: time.UnixMilli(int64(f.Get("lastModified").Float()))}
	if size := int64(f.Get("size").Float()); size > limit {
		one.err = fmt.Errorf("%d bytes, more than the %d a session file may have", size, limit)
	} else if buf, err := await(f.Call("arrayBuffer")); err != nil {
		one.err = err
	} else {
		arr := js.Global().Get("Uint8Array").New(buf)
		one.data = make([]byte, arr.Get("length").Int())
		js.CopyBytesToGo(one.data, arr)
	}
	select {
	case chosen <- one:
	default: // the last choice has not been collected: it is replaced
		select {
		case <-chosen:
		default:
		}
		chosen <- one
	}
}

// await waits for a JavaScript promise (from a goroutine that may block).
func await(p js.Value) (js.Value, error) {
	type outcome struct {
		v   js.Value
		err error
	}
	ch := make(chan outcome, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- outcome{v: args[0]}
		return nil
	})
	catch := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- outcome{err: fmt.Errorf("%s", args[0].Call("toString").String())}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	o := <-ch
	return o.v, o.err
}

// Chosen returns the file chosen since the last call, or nil.
func Chosen() fs.FS {
	select {
	case f := <-chosen:
		return f
	default:
		return nil
	}
}
