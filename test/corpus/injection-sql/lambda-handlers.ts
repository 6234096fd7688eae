import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Pool } from 'pg';
import { execFile, exec } from 'node:child_process';
import { promisify } from 'node:util';

const pool = new Pool();
const execFileAsync = promisify(execFile);
const execAsync = promisify(exec);

export const listItems = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const owner = event.queryStringParameters?.owner ?? '';
  const { rows } = await pool.query(`SELECT * FROM items WHERE owner = '${owner}'`); // expect: sql-injection
  return { statusCode: 200, body: JSON.stringify(rows) };
};

export const getItem = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { rows } = await pool.query('SELECT * FROM items WHERE id = $1', [event.pathParameters?.id]); // safe
  return { statusCode: rows.length ? 200 : 404, body: JSON.stringify(rows[0] ?? null) };
};

export const resolveHost = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const body = JSON.parse(event.body ?? '{}');
  const { stdout } = await execAsync(`nslookup ${body.host}`); // expect: command-injection
  return { statusCode: 200, body: stdout };
};

export const resolveHostSafe = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const body = JSON.parse(event.body ?? '{}');
  const { stdout } = await execFileAsync('nslookup', [String(body.host)]); // safe
  return { statusCode: 200, body: stdout };
};
