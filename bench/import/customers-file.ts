// The benchmark's customers file: N customers with a phone (a third with two), an address in one of four districts, consent every other.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `customers.csv` into `dir` (readable by the database server, for its COPY); answers the path and the lines. */
export function writeCustomersCsv(dir: string, rows: number): { file: string; lines: string[] } {
  const file = join(dir, 'customers.csv');
  const districts = [['广东省', '广州市', '天河区'], ['北京市', '北京市', '朝阳区'], ['上海市', '上海市', '浦东新区'], ['浙江省', '杭州市', '西湖区']];
  const lines = ['key,name,phone1,phone2,consentToContact,province,city,district,street'];
  for (let i = 0; i < rows; i += 1) {
    const [p, c, d] = districts[i % districts.length];
    lines.push(`K${i},客户${i},139${String(i).padStart(8, '0')},${i % 3 === 0 ? `021${String(i).padStart(8, '0')}` : ''},${i % 2 === 0},${p},${c},${d},幸福路 ${i % 997} 号`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  chmodSync(file, 0o644);
  return { file, lines };
}
