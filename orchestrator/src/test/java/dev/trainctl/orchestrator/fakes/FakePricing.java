package dev.trainctl.orchestrator.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * The Price List API with AmazonSageMaker products in the aws_v1 JSON format, filtered by the request's
 * TERM_MATCH filters on product attributes as the real API filters.
 */
public final class FakePricing implements PricingClient {

    public final Answers answers = new Answers();
    private final List<Product> products = new ArrayList<>();

    private record Product(String region, String instance, String component, String usageType, String json) {}

    /** Adds an on-demand product priced per hour. */
    public FakePricing product(String region, String instance, String component, String usageType, String usd) {
        String json = """
                {"product":{"productFamily":"ML Instance","attributes":{"regionCode":"%s","instanceName":"%s",\
                "component":"%s","usagetype":"%s","servicecode":"AmazonSageMaker"},"sku":"SKU%d"},\
                "serviceCode":"AmazonSageMaker","terms":{"OnDemand":{"SKU%d.JRTCKXETXF":{"priceDimensions":\
                {"SKU%d.JRTCKXETXF.6YS6EN2CT7":{"unit":"Hrs","pricePerUnit":{"USD":"%s"},"description":"$%s per hour"}},\
                "sku":"SKU%d","offerTermCode":"JRTCKXETXF"}}},"version":"20260101000000"}"""
                .formatted(region, instance, component, usageType, products.size(), products.size(), products.size(),
                        usd, usd, products.size());
        products.add(new Product(region, instance, component, usageType, json));
        return this;
    }

    @Override
    public GetProductsResponse getProducts(GetProductsRequest request) {
        answers.received(request);
        List<String> matching = new ArrayList<>();
        for (Product p : products) {
            if (request.filters().stream().allMatch(f -> matches(f, p))) {
                matching.add(p.json());
            }
        }
        return GetProductsResponse.builder().formatVersion("aws_v1").priceList(matching).build();
    }

    private static boolean matches(Filter filter, Product product) {
        String value = switch (filter.field()) {
            case "regionCode" -> product.region();
            case "instanceName" -> product.instance();
            case "component" -> product.component();
            case "usagetype" -> product.usageType();
            default -> null;
        };
        return value != null && value.toLowerCase(Locale.ROOT).equals(filter.value().toLowerCase(Locale.ROOT));
    }

    @Override
    public String serviceName() {
        return "pricing";
    }

    @Override
    public void close() {
    }
}
