package io.flexhub.site;

import java.time.ZoneId;
import java.util.List;

/**
 * A building taking part in flexibility: one grid connection behind one congestion point.
 *
 * @param id              NGSI-LD id, e.g. {@code urn:ngsi-ld:Building:umu-pleiades}
 * @param congestionPoint the EAN the DSO names in FlexRequests ({@code ean.871685900012636543})
 * @param importLimitKw   grid connection limit for import, kW
 * @param exportLimitKw   grid connection limit for export, kW
 * @param recipients      who gets this site's reports (DR status, nightly summary)
 */
public record Site(String id, String name, String congestionPoint, ZoneId timeZone, double importLimitKw,
        double exportLimitKw, List<String> recipients) {

    public Site {
        if (id == null || congestionPoint == null || timeZone == null) {
            throw new IllegalArgumentException("site id, congestion point and time zone are required");
        }
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
