package dev.nimbus.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.Runtime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/** Maps {@link FunctionRevision} to and from rows of {@code function_revisions}. */
final class RevisionRows {
    static final String COLUMNS = "r.name, r.revision, r.runtime, r.handler, r.memory_mb, r.timeout_s,"
            + " r.environment, r.description, r.concurrency, r.code_sha256, r.code_size, r.created_at";
    static final String INSERT = "INSERT INTO function_revisions (name, revision, runtime, handler, memory_mb,"
            + " timeout_s, environment, description, concurrency, code_sha256, code_size, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ENVIRONMENT = new TypeReference<>() {
    };

    private RevisionRows() {
    }

    static void bindInsert(PreparedStatement insert, FunctionRevision r) throws SQLException {
        FunctionConfig c = r.config();
        insert.setString(1, r.name());
        insert.setLong(2, r.revision());
        insert.setString(3, c.runtime().id());
        insert.setString(4, c.handler());
        insert.setInt(5, c.memoryMb());
        insert.setInt(6, c.timeoutSeconds());
        insert.setString(7, toJson(c.environment()));
        insert.setString(8, c.description());
        insert.setInt(9, c.concurrency());
        insert.setString(10, r.codeSha256());
        insert.setLong(11, r.codeSize());
        insert.setLong(12, r.createdAt().toEpochMilli());
    }

    /** Reads the row at the cursor, selected with {@link #COLUMNS}. */
    static FunctionRevision read(ResultSet row) throws SQLException {
        FunctionConfig config = new FunctionConfig(
                Runtime.of(row.getString("runtime")),
                row.getString("handler"),
                row.getInt("memory_mb"),
                row.getInt("timeout_s"),
                fromJson(row.getString("environment")),
                row.getString("description"),
                row.getInt("concurrency"));
        return new FunctionRevision(row.getString("name"), row.getLong("revision"), config,
                row.getString("code_sha256"), row.getLong("code_size"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }

    private static String toJson(Map<String, String> environment) {
        try {
            return JSON.writeValueAsString(environment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static Map<String, String> fromJson(String text) throws SQLException {
        try {
            return JSON.readValue(text, ENVIRONMENT);
        } catch (JsonProcessingException e) {
            throw new SQLException("function_revisions.environment is not a JSON object of strings", e);
        }
    }
}
