package io.flexhub.analytics.history;

import java.util.Locale;
import java.util.Optional;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.analytics.history.archive.HostileArchiveException;
import io.flexhub.common.ApiException;
import io.flexhub.common.JsonReplies;

/**
 * REST adapter of {@code POST /api/analytics/flex-requests}: one UFTP FlexRequest document ({@code text/xml},
 * {@code application/xml}) or a zip of them ({@code application/zip}). A single document that is not imported is
 * a 400 naming why (409 when its MessageID is stored for another request); a zip is answered with what became of
 * each of its files, or refused whole with a 4xx when it is hostile.
 */
@Component("flexRequestImportApi")
public class FlexRequestImportApi {

    static final String BODY = "(body)";

    private final FlexRequestImport importer;
    private final ObjectMapper json;

    public FlexRequestImportApi(FlexRequestImport importer, ObjectMapper json) {
        this.importer = importer;
        this.json = json;
    }

    public void upload(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType, Message out) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Empty body: send one UFTP FlexRequest document (text/xml, "
                    + "application/xml) or a zip of them (application/zip)");
        }
        String mime = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        FlexRequestImport.Report report = switch (mime) {
            case "text/xml", "application/xml" -> single(body);
            case "application/zip" -> archive(body);
            default -> throw ApiException.unsupportedMediaType("Content-Type " + (mime.isEmpty() ? "(none)" : mime)
                    + " is not supported: use text/xml or application/xml for one FlexRequest, application/zip for "
                    + "an archive of them");
        };
        JsonReplies.respond(out, json, 200, report);
    }

    private FlexRequestImport.Report single(byte[] body) {
        FlexRequestImport.Report report = importer.importDocument(BODY, body);
        Optional<FlexRequestImport.Rejection> rejected = FlexRequestImport.onlyRejection(report);
        if (rejected.isPresent()) {
            FlexRequestImport.Rejection r = rejected.get();
            throw r.conflict() ? new ApiException(409, "Conflict", r.reason())
                    : ApiException.badRequest("The FlexRequest was not imported: " + r.reason());
        }
        return report;
    }

    private FlexRequestImport.Report archive(byte[] body) {
        try {
            return importer.importZip(body);
        } catch (HostileArchiveException e) {
            throw new ApiException(e.status(), e.status() == 413 ? "Content Too Large" : "Bad Request",
                    "The archive was refused, nothing was imported: " + e.getMessage());
        }
    }
}
