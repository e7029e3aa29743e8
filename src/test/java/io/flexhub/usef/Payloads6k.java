package io.flexhub.usef;

import java.nio.charset.StandardCharsets;

/** A schema-valid FlexRequest of about 6 KB, the size the benchmarks are quoted for. */
public final class Payloads6k {

    public static final int TARGET_BYTES = 6 * 1024;

    private Payloads6k() {
    }

    public static byte[] flexRequest() {
        String full = Fixtures.payloadText("FlexRequest.xml");
        String head = full.substring(0, full.indexOf("  <ISP "));
        String[] isps = full.substring(head.length(), full.indexOf("</FlexRequest>")).split("(?<=\n)");
        StringBuilder xml = new StringBuilder(head);
        for (String isp : isps) {
            if (xml.length() + isp.length() + "</FlexRequest>\n".length() > TARGET_BYTES) {
                break;
            }
            xml.append(isp);
        }
        return xml.append("</FlexRequest>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
