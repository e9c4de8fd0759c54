// The two libraries, from the service's own web dependencies (pom.xml: org.mvnpm:echarts,
// org.webjars.npm:graphql-ws). Their versions are named here once; ScreenResourcesTest fails when a jar and
// these paths disagree.
export * as echarts from '/_static/echarts/5.6.0/dist/echarts.esm.min.js';
export { createClient } from '/webjars/graphql-ws/5.16.0/lib/client.mjs';
