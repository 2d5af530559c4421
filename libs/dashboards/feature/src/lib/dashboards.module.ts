import { Module } from '@nestjs/common';
import { WebUiModule } from './web-ui/web-ui.module';

/** The dashboards service's controllers and providers; the app and the embedded start both import it. */
@Module({ imports: [WebUiModule] })
export class DashboardsModule {}
