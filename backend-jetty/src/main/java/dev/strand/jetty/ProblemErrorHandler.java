package dev.strand.jetty;

import dev.strand.Problem;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the answers Jetty gives by itself (a malformed request, a head over the limit) as the RFC
 * 9457 problems Strand writes, with fixed details that reveal nothing of Jetty's internals. A request
 * line over the head limit gets 431, as a large header does, not Jetty's 414.
 */
final class ProblemErrorHandler implements Request.Handler {

  private final int maxHeaderBytes;

  ProblemErrorHandler(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int code = response.getStatus();
    if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException e) {
      code = e.getCode();
    }
    if (code == HttpStatus.URI_TOO_LONG_414) {
      code = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431;
    }
    if (code < 400 || code > 599) {
      code = 500;
    }
    response.setStatus(code);
    if ("HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    dev.strand.Response problem = Problem.of(code, detail(code)).toResponse();
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, problem.header("Content-Type"));
    response.write(true, ByteBuffer.wrap(problem.body()), callback);
    return true;
  }

  private String detail(int code) {
    return switch (code) {
      case 400 -> "The request is malformed.";
      case 413 -> "The request body is larger than the server accepts.";
      case 431 -> "The request headers are larger than the limit of " + maxHeaderBytes + " bytes.";
      case 501 -> "The server does not support this request's method or framing.";
      case 505 -> "The server does not support this HTTP version.";
      default -> code < 500 ? "The server refused the request." : "The server failed to handle this request.";
    };
  }
}
