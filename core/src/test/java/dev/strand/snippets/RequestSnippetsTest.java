package dev.strand.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strand.Context;
import dev.strand.Request;
import dev.strand.Response;
import dev.strand.snippets.UserApiSnippets.UserStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestSnippetsTest {

  @Test
  void builtRequestCarriesMethodHeaderAndBody() {
    Request r = RequestSnippets.newBob();
    assertEquals("POST", r.method());
    assertEquals("/users", r.path());
    assertEquals("application/json", r.mediaType().orElseThrow());
    assertEquals("{\"name\":\"Bob\"}", r.text().orElseThrow());
  }

  @Test
  void aHandlerCanBeCalledWithABuiltRequest() throws Exception {
    Response r = UserApiSnippets.createUser(new UserStore(Duration.ofMillis(1))).serve(Context.background(), RequestSnippets.newBob());
    assertEquals(201, r.status());
    assertEquals("{\"id\":2,\"name\":\"Bob\"}", r.bodyText());
  }
}
