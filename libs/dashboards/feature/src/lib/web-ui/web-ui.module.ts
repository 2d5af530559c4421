import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { WebUiMiddleware } from './web-ui.middleware';

/** The web UI at `/` of the dashboards service (see web-ui.middleware.ts). */
@Module({ providers: [WebUiMiddleware] })
export class WebUiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(WebUiMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.GET }, { path: '{*path}', method: RequestMethod.HEAD });
  }
}
