import { Controller, Get, Param, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Controller('reports')
export class ReportsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('by-region')
  async byRegion(@Query('region') region: string) {
    return this.db.query(`SELECT region, SUM(total) FROM sales WHERE region = '${region}' GROUP BY region`); // expect: sql-injection
  }

  @Get(':id')
  async byId(@Param('id') id: string) {
    return this.db.query('SELECT * FROM reports WHERE id = $1', [id]); // safe
  }
}
