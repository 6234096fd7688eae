import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { z } from 'zod';
import { Item, ItemDocument } from './item.schema';

const SearchSchema = z.object({ sku: z.string().max(64), warehouse: z.string().max(32) });

@Controller('inventory')
export class InventoryController {
  constructor(@InjectModel(Item.name) private readonly items: Model<ItemDocument>) {}

  @Get('search')
  async search(@Query() query: Record<string, unknown>) {
    const { sku, warehouse } = SearchSchema.parse(query);
    return this.items.find({ sku, warehouse }).lean(); // safe
  }

  @Get('filter')
  async filter(@Query('filter') filter: string) {
    return this.items.find(JSON.parse(filter)).lean(); // expect: nosql-injection
  }

  @Post('reserve')
  async reserve(@Body() body: { sku: string; qty: number }) {
    return this.items.updateOne({ sku: body.sku }, { $inc: { reserved: body.qty } }); // expect: nosql-injection
  }

  @Post('aggregate')
  async aggregate(@Body('match') match: Record<string, unknown>) {
    return this.items.aggregate([{ $match: match }, { $group: { _id: '$warehouse', total: { $sum: '$qty' } } }]); // expect: nosql-injection
  }

  @Get('low-stock')
  async lowStock() {
    return this.items.find({ qty: { $lt: 5 } }).sort({ qty: 1 }).lean(); // safe
  }

  @Get('by-warehouse')
  async byWarehouse(@Query('warehouse') warehouse: string) {
    if (typeof warehouse !== 'string') return [];
    return this.items.find({ warehouse }).lean(); // safe
  }
}
