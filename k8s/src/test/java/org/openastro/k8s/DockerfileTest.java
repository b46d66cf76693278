package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openastro.api.ApiSettings;
import org.openastro.gateway.GatewaySettings;

/**
 * Docker does not run on the build machines, so the image build cannot be tried here; this
 * checks that the Dockerfile stays in step with what it packages: README's package command,
 * the app's jar name, the ports the settings default to.
 */
class DockerfileTest {
  private static final Path ROOT = Kustomize.k8sDir().getParent();

  private static String read(String file) throws IOException {
    return Files.readString(ROOT.resolve(file));
  }

  @Test
  void buildsWithTheReadmesPackageCommand() throws IOException {
    Matcher command = Pattern.compile("(mvn [^\\n&]*package)").matcher(read("README.md"));
    assertThat(command.find()).as("README's package command").isTrue();
    String dockerfile = read("Dockerfile");
    assertThat(dockerfile).contains(command.group(1).trim());
    assertThat(fromLines(dockerfile)).containsExactly(
        "FROM maven:3-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre");
  }

  @Test
  void runsTheShadedJarAsANonRootUser() throws IOException {
    String dockerfile = read("Dockerfile");
    // the shade plugin writes the runnable jar there (the module's own artifact stays the thin jar)
    assertThat(read("app/pom.xml")).contains("<outputFile>${project.build.directory}/openastro.jar</outputFile>");
    assertThat(dockerfile).contains("/src/app/target/openastro.jar");
    Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
    assertThat(user.find()).as("a USER line").isTrue();
    assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
    // exec form: java is PID 1 and receives SIGTERM, so SHUTDOWN_GRACE applies
    assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\",");
  }

  @Test
  void exposesTheDefaultPorts() throws IOException {
    Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(read("Dockerfile"));
    assertThat(expose.find()).isTrue();
    assertThat(List.of(expose.group(1).trim().split("\\s+"))).containsExactlyInAnyOrder(
        ApiSettings.HTTP_PORT.defaultText(), GatewaySettings.MQTT_PORT.defaultText(),
        GatewaySettings.MQTT_TLS_PORT.defaultText(), AppSettings.text(java.util.Map.of(), "CLUSTER_PORT"));
  }

  @Test
  void leavesLocalStateOutOfTheBuildContext() throws IOException {
    assertThat(read(".dockerignore").lines().map(String::trim).toList()).contains("**/target", "data", ".git");
  }

  private static List<String> fromLines(String dockerfile) {
    return dockerfile.lines().filter(l -> l.startsWith("FROM ")).map(String::trim).toList();
  }
}
