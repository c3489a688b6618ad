//go:build js

package main

import "syscall/js"

// browserClass is the class server the browser build came from: its page's
// origin, with the class code and trainee name the server's home page put
// in the address (/trainer/?code=CODE&trainee=NAME). A page opened
// without a code asks for it once, at start; without one the trainee
// practises, and a hand-in says the code is missing.
func browserClass() (url, code, trainee string) {
	loc := js.Global().Get("location")
	if loc.IsUndefined() || loc.IsNull() {
		return "", "", ""
	}
	q := js.Global().Get("URLSearchParams").New(loc.Get("search"))
	get := func(k string) string {
		v := q.Call("get", k)
		if v.IsNull() || v.IsUndefined() {
			return ""
		}
		return v.String()
	}
	code = get("code")
	if code == "" {
		if v := js.Global().Call("prompt", "Class code (your instructor gives it; leave empty to practise without handing in):"); v.Type() == js.TypeString {
			code = v.String()
		}
	}
	return loc.Get("origin").String(), code, get("trainee")
}
