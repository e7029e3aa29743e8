package io.flexhub.common;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * H2 has no redo log: a committed transaction lives in memory until its background writer stores it, up to
 * WRITE_DELAY (500 ms by default) later. A hub killed in that window lost messages it had already acknowledged
 * with HTTP 200. With WRITE_DELAY 0 every commit writes its changes to the
 * database file before it returns, so whatever the hub acknowledged survives the process dying; a power cut
 * can still take what the operating system had not written to disk (H2 does not fsync each commit).
 * The default URL sets it; this enforces it for an operator's own H2 URL too, before any traffic is accepted.
 */
@Component
public class H2CommitDurability {

    private static final Logger LOG = LoggerFactory.getLogger(H2CommitDurability.class);

    public H2CommitDurability(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!isH2FileDatabase(c)) {
                return;
            }
            String delay = writeDelay(c);
            if (!"0".equals(delay)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET WRITE_DELAY 0");
                }
                LOG.info("H2 WRITE_DELAY was {} ms; set to 0 so that every commit is on file before it is"
                        + " acknowledged", delay);
            }
        }
    }

    static boolean isH2FileDatabase(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName()) && !c.getMetaData().getURL().contains(":mem:");
    }

    static String writeDelay(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
