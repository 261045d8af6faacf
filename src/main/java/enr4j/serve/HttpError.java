package enr4j.serve;

/** A request the viewer refuses: the HTTP status and a one-line message the page shows to the user. */
final class HttpError extends RuntimeException {

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
