import { Module } from '@nestjs/common';
import { DATA_SOURCE, ExportPageQueries, type SqlExecutor } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import { ExportController } from './export.controller';
import { DEFAULT_EXPORT_PAGE_ROWS, EXPORT_PAGE_ROWS, ExportService } from './export.service';

/** `GET /v1/export`, scoped by secret key. */
@Module({
  imports: [TenancyModule],
  controllers: [ExportController],
  providers: [
    { provide: ExportPageQueries, useFactory: (dataSource: SqlExecutor) => new ExportPageQueries(dataSource), inject: [DATA_SOURCE] },
    { provide: EXPORT_PAGE_ROWS, useValue: DEFAULT_EXPORT_PAGE_ROWS },
    ExportService,
  ],
})
export class ExportModule {}
