/**
 * English (pinyin) names for the demo's people: surname first, as Chinese names are written in
 * English ("Zhang Zihan"). Covers the surnames and given-name characters the demo's name generator
 * uses; a name with any other character has no English name (readers see it as it is).
 */
const surnames = new Map(
  pairsOf('丁 ding 万 wan 上官 shangguan 严 yan 乔 qiao 于 yu 付 fu 令狐 linghu 任 ren 伍 wu 何 he 余 yu 侯 hou 俞 yu 倪 ni 傅 fu 关 guan 冯 feng 刘 liu 包 bao 卢 lu 史 shi 叶 ye 司徒 situ 司马 sima 向 xiang 吕 lyu 吴 wu 周 zhou 唐 tang 夏 xia 夏侯 xiahou 姚 yao 姜 jiang 孔 kong 孙 sun 孟 meng 季 ji 安 an 宋 song 尉迟 yuchi 尚 shang 尹 yin 岳 yue 崔 cui 常 chang 庄 zhuang 庞 pang 康 kang 廖 liao 张 zhang 彭 peng 徐 xu 慕容 murong 成 cheng 戴 dai 文 wen 方 fang 施 shi 易 yi 曹 cao 曾 zeng 朱 zhu 李 li 杜 du 杨 yang 林 lin 柳 liu 柴 chai 梁 liang 樊 fan 欧阳 ouyang 武 wu 段 duan 殷 yin 毕 bi 毛 mao 江 jiang 汤 tang 汪 wang 沈 shen 洪 hong 涂 tu 温 wen 潘 pan 焦 jiao 熊 xiong 牛 niu 王 wang 田 tian 申 shen 申屠 shentu 白 bai 皇甫 huangfu 石 shi 祁 qi 祝 zhu 秦 qin 程 cheng 章 zhang 简 jian 纪 ji 罗 luo 翟 zhai 耿 geng 聂 nie 肖 xiao 胡 hu 芦 lu 苏 su 范 fan 莫 mo 萧 xiao 葛 ge 董 dong 蒋 jiang 蓝 lan 蔡 cai 薛 xue 袁 yuan 覃 qin 许 xu 诸葛 zhuge 谢 xie 谭 tan 贺 he 贾 jia 赖 lai 赵 zhao 邓 deng 邢 xing 邱 qiu 邵 shao 邹 zou 郑 zheng 郝 hao 郭 guo 金 jin 钟 zhong 钱 qian 长孙 zhangsun 闫 yan 阎 yan 陆 lu 陈 chen 陶 tao 雷 lei 韦 wei 韩 han 顾 gu 颜 yan 马 ma 骆 luo 高 gao 魏 wei 鲁 lu 麦 mai 黄 huang 黎 li 齐 qi 龙 long 龚 gong'),
);
const syllables = new Map(
  [...'乐le 驹ju 伟wei 宸chen 泽ze 祺qi 诚cheng 俊jun 驰chi 修xiu 杰jie 洁jie 健jian 柏bai 雄xiong 凯kai 瑞rui 博bo 文wen 涛tao 超chao 君jun 浩hao 哲zhe 瀚han 嘉jia 懿yi 熙xi 天tian 宇yu 磊lei 翊yi 子zi 涵han 轩xuan 骞qian 默mo 展zhan 鹏peng 峻jun 建jian 辉hui 弘hong 彬bin 志zhi 强qiang 思si 淼miao 源yuan 聪cong 远yuan 振zhen 家jia 擎qing 苍cang 旭xu 尧yao 昊hao 焱yan 然ran 明ming 晋jin 晓xiao 啸xiao 晟sheng 睿rui 智zhi 渊yuan 果guo 楷kai 正zheng 豪hao 洋yang 潇xiao 炎yan 炫xuan 烨ye 华hua 霖lin 煜yu 城cheng 熠yi 彤tong 琪qi 瑾jin 瑜yu 皓hao 立li 笑xiao 愚yu 绍shao 齐qi 耀yao 胤yin 祥xiang 致zhi 航hang 苑yuan 荣rong 语yu 堂tang 越yue 金jin 鑫xin 钰yu 锦jin 程cheng 雨yu 雪xue 松song 靖jing 风feng 鸿hong 煊xuan 飞fei 鹤he 鹭lu 黎li 昕xin 一yi 诺nuo 万wan 佳jia 丹dan 丽li 芬fen 芳fang 萍ping 乙yi 依yi 倩qian 兰lan 英ying 凤feng 国guo 珍zhen 琴qin 秀xiu 香xiang 娇jiao 娜na 娟juan 婷ting 方fang 欣xin 安an 开kai 慧hui 悦yue 敏min 晨chen 阳yang 桂gui 梓zi 妍yan 玥yue 萱xuan 馨xin 榕rong 融rong 怡yi 海hai 燕yan 玉yu 梅mei 玲ling 珈jia 紫zi 林lin 红hong 美mei 艳yan 艺yi 苡yi 沫mo 若ruo 汐xi 蒙meng 诗shi 桐tong 雅ya 雯wen 静jing 霞xia 颖ying 馥fu 羽yu 全quan 三san 锋feng 中zhong 义yi 军jun 刚gang 勇yong 呈cheng 新xin 平ping 栋dong 良liang 奕yi 辰chen 帅shuai 成cheng 东dong 政zheng 敬jing 彪biao 韬tao 斌bin 民min 沐mu 治zhi 波bo 瑶yao 癸gui 茗ming'.matchAll(/(\S)([a-z]+)/gu)].map((m) => [m[1]!, m[2]!] as const),
);

function pairsOf(text: string): [string, string][] {
  const words = text.split(' ');
  const out: [string, string][] = [];
  for (let i = 0; i < words.length; i += 2) out.push([words[i]!, words[i + 1]!]);
  return out;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "张子涵" → "Zhang Zihan"; null when a character is not known (two-character surnames first). */
export function pinyinName(name: string): string | null {
  const surname = [...name].length > 2 && surnames.has(name.slice(0, 2)) ? name.slice(0, 2) : name.slice(0, 1);
  const family = surnames.get(surname);
  const given = [...name.slice(surname.length)].map((c) => syllables.get(c));
  if (!family || given.length === 0 || given.some((s) => s === undefined)) return null;
  // A syllable starting with a vowel after another gets an apostrophe (Xi'an, not Xian).
  const joined = given.map((s, i) => (i > 0 && /^[aoe]/.test(s!) ? `'${s}` : s)).join('');
  return `${capital(family)} ${capital(joined)}`;
}
