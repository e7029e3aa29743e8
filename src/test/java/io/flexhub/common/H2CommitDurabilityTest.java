package io.flexhub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class H2CommitDurabilityTest {

    @Test
    void should_make_an_h2_file_database_write_every_commit_when_its_url_does_not_say_so() throws Exception {
        Path dir = Files.createTempDirectory("flexhub-h2");
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL");
        try (Connection c = file.getConnection()) {
            assertThat(H2CommitDurability.writeDelay(c)).isEqualTo("500");

            new H2CommitDurability(file);

            assertThat(H2CommitDurability.writeDelay(c)).isEqualTo("0");
        }
    }

    @Test
    void should_tell_a_file_database_from_an_in_memory_one_which_has_nothing_to_lose_to_a_delay() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:durability-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:file:" + Files.createTempDirectory("flexhub-h2").resolve("db"));
        try (Connection m = memory.getConnection(); Connection f = file.getConnection()) {
            assertThat(H2CommitDurability.isH2FileDatabase(m)).isFalse();
            assertThat(H2CommitDurability.isH2FileDatabase(f)).isTrue();
        }
    }
}
