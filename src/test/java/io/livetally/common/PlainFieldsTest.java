package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironmentImpl;
import io.livetally.live.ProductSales;
import io.livetally.live.ProvinceSales;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;

/** The properties of @ReadWithParent records are read by PlainFields; anything else stays SmallRye's. */
class PlainFieldsTest {

    private static Reference scalar(Class<?> type, String name) {
        return new Reference.Builder().className(type.getName()).graphQLClassName(type.getName()).name(name)
                .type(ReferenceType.SCALAR).build();
    }

    private static Reference owner(Class<?> type) {
        return new Reference.Builder().className(type.getName()).graphQLClassName(type.getName())
                .name(type.getSimpleName()).type(ReferenceType.TYPE).build();
    }

    private static Object fetch(PlugableDataFetcher<?> fetcher, Object source) throws Exception {
        return fetcher.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(source).build());
    }

    @Test
    void aRecordComponentIsReadByItsAccessorAndAnsweredAsItIs() throws Exception {
        PlainFields fields = new PlainFields();
        PlugableDataFetcher<?> gmv = fields.getFieldDataFetcher(
                new Field("gmv", "gmv", "gmv", scalar(BigDecimal.class, "BigDecimal")), null, owner(ProductSales.class));
        PlugableDataFetcher<?> province = fields.getFieldDataFetcher(
                new Field("province", "province", "province", scalar(String.class, "String")), null,
                owner(ProvinceSales.class));

        assertThat(gmv).isInstanceOf(PlainFields.Accessor.class).isInstanceOf(TrivialDataFetcher.class);
        assertThat(fetch(gmv, new ProductSales(7, 2, 3, new BigDecimal("12.50")))).isEqualTo(new BigDecimal("12.50"));
        assertThat(fetch(province, new ProvinceSales("370000", 1, new BigDecimal("3.00")))).isEqualTo("370000");
    }

    @Test
    void otherTypesKeepSmallRyesFetcher() {
        PlainFields fields = new PlainFields();
        // a record without @ReadWithParent, a class that is not a record, a type the class loader does not know
        assertThat(fields.getFieldDataFetcher(new Field("size", "size", "size", scalar(int.class, "Int")), null,
                owner(Unmarked.class))).isNull();
        assertThat(fields.getFieldDataFetcher(new Field("isEmpty", "empty", "empty", scalar(boolean.class, "Boolean")),
                null, owner(List.class))).isNull();
        assertThat(fields.getFieldDataFetcher(new Field("x", "x", "x", scalar(int.class, "Int")), null,
                new Reference.Builder().className("io.livetally.Nowhere").graphQLClassName("io.livetally.Nowhere")
                        .name("Nowhere").type(ReferenceType.TYPE).build())).isNull();
    }

    record Unmarked(int size) {
    }
}
