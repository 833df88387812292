# The hub as a container: built with Maven, run on a JRE. Routes and config are read from the
# working directory (/app/routes, /app/config), so docker-compose mounts them for live editing.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/product-sync-hub-*.jar /app/hub.jar
COPY routes /app/routes
COPY config /app/config
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/hub.jar"]
