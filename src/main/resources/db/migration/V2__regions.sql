-- Reference regions, loaded in every environment: the municipality 重庆市 and all 38 of its
-- districts (区) and counties (县, 自治县), with their GB/T 2260 administrative division codes and
-- official names as in force in 2020 (after 开州 2016, 梁平/武隆 2016-2017 became districts).
-- Townships (乡镇) and villages (村) are not reference data: the dev-only demo data adds the few the
-- article names.
--
-- 万盛经开区 is an economic development zone, not a GB/T 2260 division: its towns (e.g. 黑山镇) are
-- administered within 綦江区 500110 and are stored under it.
--
-- poverty_focus marks Chongqing's 14 national poverty-alleviation focus counties
-- (国家扶贫开发工作重点县): 万州, 黔江, 开州, 武隆, 城口, 丰都, 云阳, 奉节, 巫山, 巫溪, 石柱, 秀山,
-- 酉阳, 彭水.

INSERT INTO region (code, name, level, parent_code, poverty_focus, path)
VALUES ('500000', '重庆市', 'MUNICIPALITY', NULL, false, '/500000/');

INSERT INTO region (code, name, level, parent_code, poverty_focus, path)
SELECT d.code, d.name, 'DISTRICT', '500000', d.poverty_focus, '/500000/' || d.code || '/'
FROM (VALUES
    ('500101', '万州区',               true),
    ('500102', '涪陵区',               false),
    ('500103', '渝中区',               false),
    ('500104', '大渡口区',             false),
    ('500105', '江北区',               false),
    ('500106', '沙坪坝区',             false),
    ('500107', '九龙坡区',             false),
    ('500108', '南岸区',               false),
    ('500109', '北碚区',               false),
    ('500110', '綦江区',               false),
    ('500111', '大足区',               false),
    ('500112', '渝北区',               false),
    ('500113', '巴南区',               false),
    ('500114', '黔江区',               true),
    ('500115', '长寿区',               false),
    ('500116', '江津区',               false),
    ('500117', '合川区',               false),
    ('500118', '永川区',               false),
    ('500119', '南川区',               false),
    ('500120', '璧山区',               false),
    ('500151', '铜梁区',               false),
    ('500152', '潼南区',               false),
    ('500153', '荣昌区',               false),
    ('500154', '开州区',               true),
    ('500155', '梁平区',               false),
    ('500156', '武隆区',               true),
    ('500229', '城口县',               true),
    ('500230', '丰都县',               true),
    ('500231', '垫江县',               false),
    ('500233', '忠县',                 false),
    ('500235', '云阳县',               true),
    ('500236', '奉节县',               true),
    ('500237', '巫山县',               true),
    ('500238', '巫溪县',               true),
    ('500240', '石柱土家族自治县',     true),
    ('500241', '秀山土家族苗族自治县', true),
    ('500242', '酉阳土家族苗族自治县', true),
    ('500243', '彭水苗族土家族自治县', true)
) AS d (code, name, poverty_focus);
