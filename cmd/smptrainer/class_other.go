//go:build !js

package main

// browserClass is only the browser build's: the desktop trainer is given
// its class server with -class and -code.
func browserClass() (url, code, trainee string) { return "", "", "" }
