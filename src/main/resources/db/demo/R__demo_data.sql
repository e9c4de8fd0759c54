-- Demo data for the dev profile (db/demo is on Flyway's path only in %dev), so that
-- `./mvnw quarkus:dev` shows something real in the GraphQL UI.
--
-- Source: Chongqing Daily, September 2020 (shared/domain/chongqing-daily-2020-09.txt). Places and
-- products are the article's; suppliers, hosts and buyers are fictional.
--
-- A repeatable migration runs again whenever this file changes, possibly on a database that already
-- holds the demo data (and orders recorded since): the whole script is one DO block that does nothing
-- when the first demo host already exists.
--
-- Orders are generated deterministically: every "random" choice is taken from md5 of the order
-- number, so two loads are identical except for the times that are relative to now() (the LIVE
-- session, the SCHEDULED one, and the orders of the last 30 days).
--
-- Region codes: townships marked [GB] carry their statistical division codes (统计用区划代码) as
-- found in a 2020 listing; [GB?] ones come from older listings or the code order and are likely but
-- unverified. Village codes are plausible codes under the township's prefix, not official ones.

DO $demo$
BEGIN
    IF EXISTS (SELECT 1 FROM streamer WHERE platform = 'douyin' AND handle = 'yumei-xiaomei') THEN
        RAISE NOTICE 'livetally demo data already present: nothing to do';
        RETURN;
    END IF;

    ---------------------------------------------------------------------------------- regions
    -- Townships named in the article, under the districts of V2.
    INSERT INTO region (code, name, level, parent_code, poverty_focus, path)
    SELECT t.code, t.name, 'TOWNSHIP', t.parent_code, t.poverty_focus, p.path || t.code || '/'
    FROM (VALUES
        ('500156106', '羊角镇',           '500156', false),  -- [GB] 武隆: 羊角豆干
        ('500156103', '仙女山镇',         '500156', false),  -- [GB] 武隆: 仙女红茶
        ('500156111', '和顺镇',           '500156', false),  -- [GB] 武隆: 和顺土鸡
        ('500156209', '浩口苗族仡佬族乡', '500156', false),  -- [GB] 武隆: 浩口杨梅
        ('500110107', '黑山镇',           '500110', false),  -- [GB?] 万盛经开区, within 綦江区
        ('500236132', '安坪镇',           '500236', false),  -- [GB] 奉节: navel-orange town
        ('500236266', '平安乡',           '500236', true),   -- [GB] 奉节: one of the 18 深度贫困乡镇
        ('500236267', '红土乡',           '500236', false),  -- [GB] 奉节: 夔门红土米
        ('500115126', '长寿湖镇',         '500115', false),  -- [GB?] 长寿: blood oranges, honey
        ('500238108', '尖山镇',           '500238', false),  -- [GB] 巫溪: 巫姑腊肉
        ('500240105', '黄水镇',           '500240', false),  -- [GB?] 石柱: 黄连
        ('500240213', '中益乡',           '500240', true),   -- [GB] 石柱: one of the 18 深度贫困乡镇
        ('500101157', '白土镇',           '500101', false)   -- [GB] 万州: 白土高山大米
    ) AS t (code, name, parent_code, poverty_focus)
    JOIN region p ON p.code = t.parent_code
    ON CONFLICT (code) DO NOTHING;

    -- Villages (illustrative codes). The article places 林口村 explicitly: "奉节平安乡林口村".
    -- 天鹅村, 林口村 and 八家村 are treated as poor villages; 响塘村 is not: 长寿 is no focus county
    -- and the article names a poor household there, not a poor village.
    INSERT INTO region (code, name, level, parent_code, poverty_focus, path)
    SELECT v.code, v.name, 'VILLAGE', v.parent_code, v.poverty_focus, p.path || v.code || '/'
    FROM (VALUES
        ('500236132207', '天鹅村', '500236132', true),   -- 安坪镇: 胡等华's oranges bought by Shandong
        ('500236266201', '林口村', '500236266', true),   -- 平安乡: its e-commerce company joined 832
        ('500115126208', '响塘村', '500115126', false),  -- 长寿湖镇: unsold blood oranges
        ('500238108205', '八家村', '500238108', true)    -- 尖山镇: the pig farm behind 巫姑腊肉
    ) AS v (code, name, parent_code, poverty_focus)
    JOIN region p ON p.code = v.parent_code
    ON CONFLICT (code) DO NOTHING;

    -------------------------------------------------------------------------------- suppliers
    -- Fictional names. One is blacklisted for inflated prices it refused to correct, as the article
    -- says such firms are (清理出《产品目录》, 纳入扶贫失信黑名单).
    INSERT INTO supplier (name, region_code, certified, blacklisted, blacklist_reason,
                          households_benefited, created_at)
    VALUES
        ('武隆区乌江源豆制品专业合作社',   '500156106',    true,  false, NULL, 86,  '2019-11-18 10:00+08'),
        ('武隆区仙女山云雾茶业有限公司',   '500156103',    true,  false, NULL, 42,  '2019-11-20 10:00+08'),
        ('武隆区苗乡生态农业专业合作社',   '500156209',    true,  false, NULL, 128, '2019-11-25 10:00+08'),
        ('万盛黑山谷猕猴桃种植专业合作社', '500110107',    true,  false, NULL, 215, '2019-12-02 10:00+08'),
        ('奉节县天鹅村脐橙专业合作社',     '500236132207', true,  false, NULL, 312, '2019-12-05 10:00+08'),
        ('奉节县林口村山货电子商务有限公司', '500236266201', true, false, NULL, 57,  '2019-12-08 10:00+08'),
        ('巫溪县库区优选商贸有限公司',     '500238',       true,  false, NULL, 96,  '2019-12-09 10:00+08'),
        ('巫溪县八家村腊味加工厂',         '500238108205', true,  false, NULL, 74,  '2019-12-10 10:00+08'),
        ('长寿区长寿湖农旅专业合作社',     '500115126',    true,  false, NULL, 163, '2019-12-12 10:00+08'),
        ('云阳县三峡蜂业专业合作社',       '500235',       true,  false, NULL, 88,  '2019-12-16 10:00+08'),
        ('石柱县黄水黄连专业合作社',       '500240105',    true,  false, NULL, 240, '2019-12-18 10:00+08'),
        ('重庆长生源农特产品贸易有限公司', '500115',       false, true,
         '价格虚高并拒绝整改：灵芝售价超过认定参考价两倍，经约谈仍拒不整改，产品清理出《产品目录》，纳入扶贫失信黑名单',
         12, '2019-12-20 10:00+08');

    --------------------------------------------------------------------------------- products
    -- Prices in yuan per retail pack. Every listed product is within 1.3 x its reference price;
    -- the one delisted product (the blacklisted supplier's) is not, which is why it was delisted.
    INSERT INTO product (name, category, origin_region_code, supplier_id, unit_price, reference_price,
                         listed, delist_reason, created_at)
    SELECT p.name, p.category, p.origin,
           (SELECT s.id FROM supplier s WHERE s.name = p.supplier),
           p.unit_price, p.reference_price, p.listed, p.delist_reason, '2019-12-25 10:00+08'
    FROM (VALUES
        ('羊角豆干',         '豆制品', '500156106',    '武隆区乌江源豆制品专业合作社',   29.90,  26.00, true, NULL),
        ('武隆苕粉',         '干货',   '500156',       '武隆区乌江源豆制品专业合作社',   39.80,  36.00, true, NULL),
        ('仙女红茶',         '茶叶',   '500156103',    '武隆区仙女山云雾茶业有限公司',   128.00, 118.00, true, NULL),
        ('浩口杨梅',         '水果',   '500156209',    '武隆区苗乡生态农业专业合作社',   69.00,  60.00, true, NULL),
        ('和顺土鸡',         '肉制品', '500156111',    '武隆区苗乡生态农业专业合作社',   148.00, 130.00, true, NULL),
        ('黑山谷猕猴桃',     '水果',   '500110107',    '万盛黑山谷猕猴桃种植专业合作社', 49.90,  45.00, true, NULL),
        ('奉节脐橙',         '水果',   '500236132207', '奉节县天鹅村脐橙专业合作社',     59.90,  52.00, true, NULL),
        ('夔门红土米',       '粮油',   '500236267',    '奉节县林口村山货电子商务有限公司', 69.90, 62.00, true, NULL),
        ('巫溪老鹰茶',       '茶叶',   '500238',       '巫溪县库区优选商贸有限公司',     58.00,  50.00, true, NULL),
        -- no reference price set yet: never raises a price alert
        ('巫溪干香菇',       '干货',   '500238',       '巫溪县库区优选商贸有限公司',     45.00,  NULL,  true, NULL),
        ('巫溪脆李',         '水果',   '500238',       '巫溪县库区优选商贸有限公司',     39.90,  35.00, true, NULL),
        ('巫姑腊肉',         '肉制品', '500238108205', '巫溪县八家村腊味加工厂',         118.00, 105.00, true, NULL),
        ('万州白土高山大米', '粮油',   '500101157',    '巫溪县库区优选商贸有限公司',     59.90,  52.00, true, NULL),
        ('长寿血橙',         '水果',   '500115126208', '长寿区长寿湖农旅专业合作社',     79.90,  70.00, true, NULL),
        ('长寿蜂蜜',         '蜂蜜',   '500115126',    '长寿区长寿湖农旅专业合作社',     88.00,  80.00, true, NULL),
        ('长寿米粉',         '粮油',   '500115',       '长寿区长寿湖农旅专业合作社',     26.80,  24.00, true, NULL),
        ('三峡白蜜',         '蜂蜜',   '500235',       '云阳县三峡蜂业专业合作社',       98.00,  88.00, true, NULL),
        ('石柱黄连',         '中药材', '500240105',    '石柱县黄水黄连专业合作社',       86.00,  78.00, true, NULL),
        ('石柱辣椒',         '调味品', '500240213',    '石柱县黄水黄连专业合作社',       32.00,  28.00, true, NULL),
        ('长寿灵芝',         '干货',   '500115',       '重庆长生源农特产品贸易有限公司', 398.00, 168.00, false,
         '价格虚高（售价为参考价的2.4倍）且拒不整改，2020年8月清理出《产品目录》')
    ) AS p (name, category, origin, supplier, unit_price, reference_price, listed, delist_reason);

    -------------------------------------------------------------------------------- streamers
    -- Fictional hosts of every kind; handles unique per platform.
    INSERT INTO streamer (handle, display_name, kind, platform, home_region_code, created_at)
    VALUES
        ('yumei-xiaomei',      '渝妹小美',                 'INFLUENCER',   'douyin',      '500103',       '2020-02-01 10:00+08'),
        ('shancheng-apao',     '山城阿炮',                 'INFLUENCER',   'kuaishou',    '500108',       '2020-02-01 10:00+08'),
        -- a district leader streaming beside 20 influencers (长寿, June 2020)
        ('changshou-chenlixin', '陈立新（长寿区副区长）',  'OFFICIAL',     'douyin',      '500115',       '2020-06-01 10:00+08'),
        -- a couple back from Beijing selling the Three Gorges' produce, like the article's
        ('kuqu-youxuan',       '库区优选·林晓雯与许博',    'ENTREPRENEUR', 'taobao-live', '500236',       '2020-02-10 10:00+08'),
        ('bajia-larou',        '八家村腊肉哥·王德明',      'FARMER',       'kuaishou',    '500238108205', '2020-03-01 10:00+08'),
        ('tiane-qicheng',      '天鹅村脐橙姐·周桂芳',      'FARMER',       '832',         '500236132207', '2020-02-15 10:00+08');

    -------------------------------------------------------------------------------- campaigns
    -- 渝货进山东: Jan-Aug 2020 sales of Chongqing goods to Shandong reached 2.6亿元 = 74.7% of the
    -- target, so the target is 260,000,000 / 0.747.
    INSERT INTO campaign (name, origin_region_code, buyer_province, channel, starts_on, ends_on,
                          target_amount, created_at)
    VALUES
        ('渝货进山东',           '500000', '370000', NULL, '2020-01-01', '2020-08-31', 348058902.28, '2019-12-28 10:00+08'),
        ('2020重庆消费扶贫月·武隆', '500156', NULL,    NULL, '2020-09-01', '2020-09-30', 300000.00,    '2020-08-25 10:00+08');

    --------------------------------------------------------------------------- live sessions
    -- In chronological order, so ids follow it. Each session's region is the one whose products
    -- it promotes.
    INSERT INTO live_session (title, streamer_id, region_code, campaign_id, status,
                              scheduled_start, started_at, ended_at, created_at)
    SELECT v.title,
           (SELECT st.id FROM streamer st WHERE st.handle = v.handle),
           v.region_code,
           (SELECT c.id FROM campaign c WHERE c.name = v.campaign),
           v.status, v.scheduled_start, v.started_at, v.ended_at,
           least(v.scheduled_start - interval '3 days', now())
    FROM (VALUES
        -- spring, COVID: the oranges were not selling
        ('天鹅村脐橙滞销？村里开直播', 'tiane-qicheng', '500236132207', NULL::text, 'ENDED',
         timestamptz '2020-02-26 19:00+08', timestamptz '2020-02-26 19:05+08', timestamptz '2020-02-26 21:10+08'),
        ('渝货进山东·奉节脐橙产地直发', 'kuqu-youxuan', '500236', '渝货进山东', 'ENDED',
         '2020-03-12 20:00+08', '2020-03-12 20:02+08', '2020-03-12 22:30+08'),
        ('南岸·石柱"周末集市"：黄连、辣椒专场', 'shancheng-apao', '500240', NULL, 'ENDED',
         '2020-06-13 10:00+08', '2020-06-13 10:00+08', '2020-06-13 12:00+08'),
        ('长寿区主要领导与20多名网红主播直播带货', 'changshou-chenlixin', '500115', NULL, 'ENDED',
         '2020-06-18 19:30+08', '2020-06-18 19:32+08', '2020-06-18 22:00+08'),
        ('2020重庆消费扶贫月启动·武隆扶贫产品展销会', 'yumei-xiaomei', '500156', '2020重庆消费扶贫月·武隆', 'ENDED',
         '2020-09-03 09:30+08', '2020-09-03 09:36+08', '2020-09-03 12:00+08'),
        ('万盛消费扶贫月·黑山谷猕猴桃采摘丰收节', 'shancheng-apao', '500110107', NULL, 'ENDED',
         '2020-09-05 10:00+08', '2020-09-05 10:05+08', '2020-09-05 12:00+08'),
        ('巫溪山货：巫姑腊肉、老鹰茶、干香菇', 'kuqu-youxuan', '500238', NULL, 'ENDED',
         '2020-09-08 20:00+08', '2020-09-08 20:00+08', '2020-09-08 22:00+08'),
        ('三峡白蜜·云阳专场', 'yumei-xiaomei', '500235', NULL, 'CANCELLED',
         '2020-09-20 20:00+08', NULL, NULL),
        -- on air right now (relative to the load), so the live counters have something to show
        ('八家村腊肉哥：巫溪山货直播间', 'bajia-larou', '500238', NULL, 'LIVE',
         now() - interval '55 minutes', now() - interval '50 minutes', NULL),
        ('天鹅村脐橙预售直播', 'tiane-qicheng', '500236132207', NULL, 'SCHEDULED',
         date_trunc('hour', now()) + interval '1 day', NULL, NULL)
    ) AS v (title, handle, region_code, campaign, status, scheduled_start, started_at, ended_at);

    -- Featured products, in the host's order (position 0, 1, 2, ...).
    INSERT INTO live_session_product (session_id, product_id, position)
    SELECT s.id, p.id, f.position
    FROM (VALUES
        ('天鹅村脐橙滞销？村里开直播',               '奉节脐橙',         0),
        ('渝货进山东·奉节脐橙产地直发',              '奉节脐橙',         0),
        ('渝货进山东·奉节脐橙产地直发',              '夔门红土米',       1),
        ('南岸·石柱"周末集市"：黄连、辣椒专场',      '石柱黄连',         0),
        ('南岸·石柱"周末集市"：黄连、辣椒专场',      '石柱辣椒',         1),
        ('长寿区主要领导与20多名网红主播直播带货',   '长寿蜂蜜',         0),
        ('长寿区主要领导与20多名网红主播直播带货',   '长寿米粉',         1),
        ('长寿区主要领导与20多名网红主播直播带货',   '长寿血橙',         2),
        ('2020重庆消费扶贫月启动·武隆扶贫产品展销会', '羊角豆干',         0),
        ('2020重庆消费扶贫月启动·武隆扶贫产品展销会', '武隆苕粉',         1),
        ('2020重庆消费扶贫月启动·武隆扶贫产品展销会', '仙女红茶',         2),
        ('2020重庆消费扶贫月启动·武隆扶贫产品展销会', '浩口杨梅',         3),
        ('2020重庆消费扶贫月启动·武隆扶贫产品展销会', '和顺土鸡',         4),
        ('万盛消费扶贫月·黑山谷猕猴桃采摘丰收节',     '黑山谷猕猴桃',     0),
        ('巫溪山货：巫姑腊肉、老鹰茶、干香菇',        '巫姑腊肉',         0),
        ('巫溪山货：巫姑腊肉、老鹰茶、干香菇',        '巫溪老鹰茶',       1),
        ('巫溪山货：巫姑腊肉、老鹰茶、干香菇',        '巫溪干香菇',       2),
        ('三峡白蜜·云阳专场',                         '三峡白蜜',         0),
        ('八家村腊肉哥：巫溪山货直播间',              '巫姑腊肉',         0),
        ('八家村腊肉哥：巫溪山货直播间',              '巫溪老鹰茶',       1),
        ('八家村腊肉哥：巫溪山货直播间',              '巫溪干香菇',       2),
        ('八家村腊肉哥：巫溪山货直播间',              '巫溪脆李',         3),
        ('天鹅村脐橙预售直播',                        '奉节脐橙',         0)
    ) AS f (title, product, position)
    JOIN live_session s ON s.title = f.title
    JOIN product p ON p.name = f.product;

    ----------------------------------------------------------------------------------- orders
    -- Order n (1..4400) is 'demo-<n>'. Orders 1..2000 belong to the sessions that went on air,
    -- the rest to the other channels. Each order draws its choices from two md5 digests of n
    -- (h and k: four unsigned 32-bit numbers each), never from random().
    INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id,
                             origin_region_code, quantity, unit_price, amount, buyer_province,
                             buyer_ref, status, placed_at, refunded_at, price_alert, received_at)
    WITH
    -- how many orders each aired session gets
    live_plan (title, order_count) AS (VALUES
        ('天鹅村脐橙滞销？村里开直播',               200),
        ('渝货进山东·奉节脐橙产地直发',              300),
        ('南岸·石柱"周末集市"：黄连、辣椒专场',      150),
        ('长寿区主要领导与20多名网红主播直播带货',   350),
        ('2020重庆消费扶贫月启动·武隆扶贫产品展销会', 400),
        ('万盛消费扶贫月·黑山谷猕猴桃采摘丰收节',     200),
        ('巫溪山货：巫姑腊肉、老鹰茶、干香菇',        250),
        ('八家村腊肉哥：巫溪山货直播间',              150)
    ),
    live_sessions AS (
        SELECT s.id AS session_id, s.streamer_id, st.platform, s.started_at,
               -- the live window: [started_at, ended_at), or up to now() while LIVE
               floor(extract(epoch FROM coalesce(s.ended_at, now()) - s.started_at))::bigint AS window_secs,
               (SELECT count(*) FROM live_session_product x WHERE x.session_id = s.id) AS n_products,
               lp.order_count,
               sum(lp.order_count) OVER (ORDER BY s.id) - lp.order_count AS first_n
        FROM live_plan lp
        JOIN live_session s ON s.title = lp.title
        JOIN streamer st ON st.id = s.streamer_id
    ),
    live_orders AS (
        SELECT ls.first_n + g AS n, 'LIVESTREAM' AS channel, ls.platform,
               ls.session_id, ls.streamer_id, lsp.product_id,
               ls.started_at + (h.b % ls.window_secs) * interval '1 second' AS placed_at
        FROM live_sessions ls
        CROSS JOIN LATERAL generate_series(1, ls.order_count) AS g
        CROSS JOIN LATERAL (
            SELECT ('x' || substr(m, 1, 8))::bit(32)::bigint AS a,
                   ('x' || substr(m, 9, 8))::bit(32)::bigint AS b
            FROM md5('livetally-demo-' || (ls.first_n + g)) AS m
        ) AS h
        -- one of the products the session features
        JOIN live_session_product lsp
          ON lsp.session_id = ls.session_id AND lsp.position = h.a % ls.n_products
    ),
    -- products that may take orders, each repeated by its sales weight (奉节脐橙 sells most)
    weights (name, weight) AS (VALUES
        ('奉节脐橙', 12), ('长寿血橙', 6), ('巫姑腊肉', 6), ('黑山谷猕猴桃', 5), ('三峡白蜜', 4),
        ('仙女红茶', 3), ('羊角豆干', 4), ('武隆苕粉', 4), ('浩口杨梅', 3), ('和顺土鸡', 3),
        ('夔门红土米', 3), ('巫溪老鹰茶', 3), ('巫溪干香菇', 2), ('巫溪脆李', 2),
        ('万州白土高山大米', 3), ('长寿蜂蜜', 3), ('长寿米粉', 3), ('石柱黄连', 2), ('石柱辣椒', 2)
    ),
    tickets AS (
        SELECT p.id AS product_id, row_number() OVER (ORDER BY p.id, g) - 1 AS ticket
        FROM product p
        JOIN supplier s ON s.id = p.supplier_id
        JOIN weights w ON w.name = p.name
        CROSS JOIN LATERAL generate_series(1, w.weight) AS g
        WHERE p.listed AND NOT s.blacklisted
    ),
    other_orders AS (
        SELECT n,
               CASE WHEN h.a % 100 < 45 THEN 'ONLINE_PLATFORM'
                    WHEN h.a % 100 < 65 THEN 'SMART_CABINET'
                    WHEN h.a % 100 < 88 THEN 'SUPERMARKET'
                    ELSE 'FAIR' END AS channel,
               -- 832 and 中国社会扶贫网重庆馆 (cqfupin) online, a few shop orders on taobao;
               -- cabinets, supermarkets and fairs report through cqfupin
               CASE WHEN h.a % 100 < 45 THEN (ARRAY['832', 'cqfupin', 'taobao-live'])[1 + h.d % 3]
                    ELSE 'cqfupin' END AS platform,
               NULL::bigint AS session_id, NULL::bigint AS streamer_id,
               t.product_id,
               CASE WHEN h.c % 100 < 20
                    -- a fifth in the last 30 days, so "today" and "this month" are not empty
                    THEN now() - interval '1 minute' - (h.b % (30 * 86400)) * interval '1 second'
                    -- the rest over 2020, between 08:00 and 22:00 Chongqing time
                    ELSE timestamptz '2020-01-01 08:00+08'
                         + (h.b % 366) * interval '1 day'
                         + (h.d % (14 * 3600)) * interval '1 second'
               END AS placed_at
        FROM generate_series(2001, 4400) AS n
        CROSS JOIN LATERAL (
            SELECT ('x' || substr(m, 1, 8))::bit(32)::bigint AS a,
                   ('x' || substr(m, 9, 8))::bit(32)::bigint AS b,
                   ('x' || substr(m, 17, 8))::bit(32)::bigint AS c,
                   ('x' || substr(m, 25, 8))::bit(32)::bigint AS d
            FROM md5('livetally-demo-' || n) AS m
        ) AS h
        JOIN tickets t ON t.ticket = h.a % (SELECT count(*) FROM tickets)
    ),
    all_orders AS (
        SELECT n, channel, platform, session_id, streamer_id, product_id, placed_at FROM live_orders
        UNION ALL
        SELECT n, channel, platform, session_id, streamer_id, product_id, placed_at FROM other_orders
    ),
    priced AS (
        SELECT o.*, p.origin_region_code, p.reference_price,
               -- mostly 1-3 items, up to 10; 1% are group buys of 20
               CASE WHEN k.a % 100 = 99 THEN 20
                    ELSE (ARRAY[1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 5, 5, 6, 8, 10])[1 + k.a % 20]
               END AS quantity,
               -- about 2% sold 45% above the reference price: these raise price alerts
               CASE WHEN p.reference_price IS NOT NULL AND k.b % 100 < 2
                    THEN round(p.reference_price * 1.45, 2)
                    ELSE p.unit_price END AS unit_price,
               -- buyers mostly in Chongqing, many in Shandong (奉节脐橙 above all), some elsewhere
               CASE WHEN p.name = '奉节脐橙' AND k.c % 100 < 35 THEN '370000'
                    WHEN k.c % 100 < 68 THEN '500000'
                    WHEN k.c % 100 < 82 THEN '370000'
                    WHEN k.c % 100 < 88 THEN '110000'
                    WHEN k.c % 100 < 94 THEN '310000'
                    ELSE '440000' END AS buyer_province,
               (k.d % 100 < 3) AS refunded,       -- about 3% refunded
               k.d AS r
        FROM all_orders o
        JOIN product p ON p.id = o.product_id
        CROSS JOIN LATERAL (
            SELECT ('x' || substr(m, 1, 8))::bit(32)::bigint AS a,
                   ('x' || substr(m, 9, 8))::bit(32)::bigint AS b,
                   ('x' || substr(m, 17, 8))::bit(32)::bigint AS c,
                   ('x' || substr(m, 25, 8))::bit(32)::bigint AS d
            FROM md5('livetally-demo-k-' || o.n) AS m
        ) AS k
    )
    SELECT platform, 'demo-' || n, channel, session_id, streamer_id, product_id,
           origin_region_code, quantity, unit_price, quantity * unit_price, buyer_province,
           'buyer-' || (n % 1500),
           CASE WHEN refunded THEN 'REFUNDED' ELSE 'PAID' END,
           placed_at,
           -- refunded 1 to 73 hours later, but never in the future
           CASE WHEN refunded
                THEN least(placed_at + (3600 + r % (72 * 3600)) * interval '1 second', now()) END,
           reference_price IS NOT NULL AND unit_price > 1.3 * reference_price,
           -- the platform pushed the order within two minutes
           least(placed_at + (1 + r % 120) * interval '1 second', now())
    FROM priced
    ORDER BY placed_at, n;

    RAISE NOTICE 'livetally demo data loaded';
END
$demo$;
