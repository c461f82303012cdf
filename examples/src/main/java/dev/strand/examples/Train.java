package dev.strand.examples;

import dev.strand.Result;
import dev.strand.Server;
import dev.strand.ShutdownReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Train is the training run of the app image's ahead-of-time cache, run once by the build: it
 * starts both apps on every backend, sends each route a request over loopback, and stops, so the
 * classes a real start and its first requests need are recorded. Not part of the launcher.
 */
public final class Train {
  private Train() {}

  private record Call(String request, int expected) {}

  private static final List<Call> HELLO = List.of(new Call(get("/"), 200), new Call(get("/nope"), 404));

  private static final List<Call> USER_API =
      List.of(
          new Call(get("/"), 200),
          new Call(get("/user/1"), 200),
          new Call(get("/user/42"), 404),
          new Call(get("/user/x"), 400),
          new Call(post("application/json", "{\"name\":\"Bob\"}"), 201),
          new Call(post("application/json", "{\"name\":\" \"}"), 422),
          new Call(post("application/json", "{\"name\":"), 400),
          new Call(post("text/plain", "Bob"), 415),
          new Call(get("/healthz"), 200),
          new Call(get("/panic"), 500),
          new Call("DELETE /user/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 405));

  /**
   * Runs the training.
   *
   * @param args ignored
   * @throws Exception when a server does not start or answers wrongly: the image is broken
   */
  public static void main(String[] args) throws Exception {
    for (String backend : Cli.BACKENDS) {
      for (String app : List.of("hello", "user-api")) {
        Options options =
            switch (Cli.parse(
                app.equals("hello")
                    ? new String[] {app, "--backend", backend, "--host", "127.0.0.1", "--port", "0"}
                    : new String[] {app, "--backend", backend, "--host", "127.0.0.1", "--port", "0", "--db-latency", "1ms"})) {
              case Result.Ok<Cli.Command, Cli.UsageError>(Cli.Run run) -> run.options();
              case Result.Ok<Cli.Command, Cli.UsageError>(Cli.Help help) -> throw new IllegalStateException("help");
              case Result.Err<Cli.Command, Cli.UsageError>(var e) -> throw new IllegalStateException(e.message());
            };
        Server server = Main.start(options, new Health());
        try {
          for (Call call : app.equals("hello") ? HELLO : USER_API) {
            int status = send(server.port(), call.request());
            if (status != call.expected()) {
              throw new IllegalStateException(
                  "training on " + backend + ": expected " + call.expected() + " but got " + status + " for "
                      + call.request().lines().findFirst().orElse(""));
            }
          }
        } finally {
          ShutdownReport unused = server.shutdown(Duration.ofSeconds(1));
        }
      }
    }
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  }

  private static String post(String contentType, String body) {
    return "POST /users HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  private static int send(int port, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      if (!response.startsWith("HTTP/1.1 ") || response.length() < 12) {
        throw new IOException("not an HTTP response: " + response.lines().findFirst().orElse("(empty)"));
      }
      return Integer.parseInt(response.substring(9, 12));
    }
  }
}
