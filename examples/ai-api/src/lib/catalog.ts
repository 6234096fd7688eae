// The product catalogue lives in MongoDB; orders and users stay in MySQL (see db.ts).
import mongoose, { Schema } from 'mongoose';

void mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/catalog');

const productSchema = new Schema(
  {
    name: { type: String, required: true },
    description: String,
    price: { type: Number, required: true },
    supplierCost: Number,
    stock: { type: Number, default: 0 },
    published: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export const Product = mongoose.model('Product', productSchema);
