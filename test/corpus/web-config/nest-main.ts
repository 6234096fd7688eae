import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableCors({ origin: true, credentials: true }); // expect: cors-misconfiguration
  await app.listen(process.env.PORT ?? 3000);
}

async function bootstrapPublic() {
  const app = await NestFactory.create(AppModule);
  app.enableCors(); // safe
  await app.listen(3001);
}

void bootstrap();
void bootstrapPublic();
