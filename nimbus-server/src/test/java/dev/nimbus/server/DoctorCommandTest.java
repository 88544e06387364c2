package dev.nimbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

    @Test
    void eachCheckIsOneAlignedLineAndAHintGoesUnderItsDetail() throws Exception {
        var document = new ObjectMapper().readTree("""
                {"checks":[
                  {"check":"java","status":"ok","detail":"Java 25 in /jdk"},
                  {"check":"socat","status":"warn","detail":"not installed","hint":"apt-get install socat"},
                  {"check":"port","status":"fail","detail":"127.0.0.1:8080 is held by another program","hint":"use --port"}],
                 "ok":false}""");

        assertThat(DoctorCommand.text(document)).isEqualTo(String.join(System.lineSeparator(),
                "OK    java   Java 25 in /jdk",
                "WARN  socat  not installed",
                "             hint: apt-get install socat",
                "FAIL  port   127.0.0.1:8080 is held by another program",
                "             hint: use --port",
                ""));
    }
}
