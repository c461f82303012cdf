// The founding article's minimal Go server, with the port taken from $PORT (default 8080).
package main

import (
	"fmt"
	"net/http"
	"os"
)

// HandleRoot writes a greeting to the response.
func HandleRoot(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, "Hello from Go")
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", HandleRoot)
	if err := http.ListenAndServe("127.0.0.1:"+port, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
