import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The framework's floor for issue 17: a bare Vert.x route (the Vert.x and Netty of the packaged jar, one event
 * loop per core) that reads a POST body and answers the bytes given as its second argument, as the service
 * answers {@code { __typename }}. Run: java -cp 'quarkus-app/lib/main/*' BareRoute.java PORT ANSWER.
 */
public class BareRoute {
    public static void main(String[] args) {
        Buffer answer = Buffer.buffer(args[1]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Router router = Router.router(vertx);
            router.post("/graphql").handler(BodyHandler.create(false));
            router.post("/graphql").handler(ctx -> ctx.response().putHeader("content-type", "application/json").end(answer));
            vertx.createHttpServer().requestHandler(router).listen(Integer.parseInt(args[0]), "127.0.0.1");
        }
    }
}
