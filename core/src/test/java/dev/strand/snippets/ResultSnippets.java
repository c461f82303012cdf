package dev.strand.snippets;

import dev.strand.Result;
import dev.strand.snippets.UserApiSnippets.LookupError;

/** Result's small toolbox: capture a throwing call, transform, fall back, collapse. */
public final class ResultSnippets {
  private ResultSnippets() {}

  static int port(String raw) {
    // @start region=attempt
    int port = Result.attempt(() -> Integer.parseInt(raw)).orElse(8080);
    // @end
    return port;
  }

  static String describe(String raw) {
    // @start region=combinators
    Result<Long, LookupError> id = UserApiSnippets.parseId(raw);
    Result<String, LookupError> path = id.map(n -> "/user/" + n);       // transform the value
    Result<String, String> shown = path.mapErr(error -> "bad id " + raw); // transform the error
    String text = shown.fold(p -> "see " + p, error -> error);           // collapse both cases
    // @end
    return text;
  }
}
