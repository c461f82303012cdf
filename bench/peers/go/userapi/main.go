// The founding article's realistic Go API (FetchUser with a context-aware simulated database),
// with $PORT, $DB_LATENCY (default 100ms) and a 2 s per-request deadline like Strand's user-api.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// User represents a user in the system.
type User struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

var latency = 100 * time.Millisecond

// FetchUser retrieves a user by ID from a simulated database.
func FetchUser(ctx context.Context, id int) (User, error) {
	select {
	case <-ctx.Done():
		return User{}, ctx.Err()
	case <-time.After(latency):
		return User{ID: id, Name: "Alice"}, nil
	}
}

// HandleUser writes the user JSON or an error message.
func HandleUser(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/user/"))
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	user, err := FetchUser(ctx, id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(user)
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	if d, err := time.ParseDuration(os.Getenv("DB_LATENCY")); err == nil {
		latency = d
	}
	http.HandleFunc("/user/", HandleUser)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "Hello from Go") })
	if err := http.ListenAndServe("127.0.0.1:"+port, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
