package dev.nimbus.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.Runtime;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Maps {@link FunctionRevision} to and from rows of {@code function_revisions} (and {@code function_versions}). */
final class RevisionRows {
    static final String COLUMNS = "r.name, r.revision, r.runtime, r.handler, r.memory_mb, r.timeout_s,"
            + " r.environment, r.description, r.concurrency, r.code_sha256, r.code_size, r.created_at,"
            + " r.revision_id, r.role, r.http_payload, r.lambda_runtime, r.scaling, r.egress";
    static final String INSERT = "INSERT INTO function_revisions (name, revision, runtime, handler, memory_mb,"
            + " timeout_s, environment, description, concurrency, code_sha256, code_size, created_at, revision_id,"
            + " role, http_payload, lambda_runtime, scaling, egress) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
        insert.setString(13, r.revisionId());
        insert.setString(14, c.role());
        insert.setString(15, c.httpPayload().id());
        insert.setString(16, c.lambdaRuntime());
        insert.setString(17, ScalingJson.write(c.scaling()));
        insert.setBoolean(18, c.egress());
    }

    /** Reads the {@code $LATEST} revision at the cursor, selected with {@link #COLUMNS}. */
    static FunctionRevision read(ResultSet row) throws SQLException {
        String name = row.getString("name");
        long revision = row.getLong("revision");
        String revisionId = row.getString("revision_id");
        if (revisionId == null || revisionId.isEmpty()) {
            // revisions written before revision ids existed get a stable one
            revisionId = UUID.nameUUIDFromBytes((name + "#" + revision).getBytes(StandardCharsets.UTF_8)).toString();
        }
        return new FunctionRevision(name, revision, config(row), row.getString("code_sha256"), row.getLong("code_size"),
                Instant.ofEpochMilli(row.getLong("created_at")), revisionId, FunctionRevision.LATEST);
    }

    /** Reads a published version at the cursor, selected with {@link #COLUMNS} and the version's columns. */
    static FunctionRevision readVersion(ResultSet row) throws SQLException {
        FunctionConfig config = config(row);
        String description = row.getString("version_description");
        return new FunctionRevision(row.getString("name"), row.getLong("revision"),
                description == null ? config : config.withDescription(description), row.getString("code_sha256"),
                row.getLong("code_size"), Instant.ofEpochMilli(row.getLong("version_created_at")),
                row.getString("version_revision_id"), Long.toString(row.getLong("version")));
    }

    private static FunctionConfig config(ResultSet row) throws SQLException {
        int concurrency = row.getInt("concurrency");
        return new FunctionConfig(
                Runtime.of(row.getString("runtime")),
                row.getString("handler"),
                row.getInt("memory_mb"),
                row.getInt("timeout_s"),
                fromJson(row.getString("environment")),
                row.getString("description"),
                concurrency,
                row.getString("role"),
                row.getString("lambda_runtime"),
                PayloadFormat.of(row.getString("http_payload")),
                ScalingJson.read(row.getString("scaling"), concurrency),
                row.getBoolean("egress"));
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
