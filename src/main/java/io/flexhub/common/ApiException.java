package io.flexhub.common;

/** An error of the admin REST API, answered as RFC 9457 problem details with this status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;

    public ApiException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, "Unsupported Media Type", detail);
    }

    public static ApiException notAcceptable(String detail) {
        return new ApiException(406, "Not Acceptable", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
