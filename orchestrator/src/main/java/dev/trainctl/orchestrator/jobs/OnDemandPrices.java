package dev.trainctl.orchestrator.jobs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.AwsErrors;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;

/**
 * Live on-demand SageMaker training prices from the AWS Price List API ({@code pricing:GetProducts}), falling back to
 * the dated {@link PriceTable} whenever the API cannot be used: no permission, no credentials, another partition, or
 * no matching product.
 */
public final class OnDemandPrices {

    /** The Price List service code of SageMaker (GetServices lists it). */
    static final String SERVICE_CODE = "AmazonSageMaker";
    /** Training products carry {@code component=Training}; hosting and notebooks share instance names. */
    static final String TRAINING_COMPONENT = "Training";

    private OnDemandPrices() {}

    /** The request that finds the instance type's products in a region. */
    public static GetProductsRequest request(String instanceType, String region) {
        // Attribute names as the Price List gives them for AmazonSageMaker products: regionCode, instanceName,
        // component. Filters match exactly (TERM_MATCH); the component is checked on each product below.
        return GetProductsRequest.builder().serviceCode(SERVICE_CODE).formatVersion("aws_v1").filters(
                filter("regionCode", region), filter("instanceName", instanceType),
                filter("component", TRAINING_COMPONENT)).build();
    }

    /** The live price, or the table's with the reason the live one was not used. */
    public static PriceQuote quote(Optional<PricingClient> pricing, String instanceType, String region) {
        if (pricing.isEmpty()) {
            return PriceQuote.table(instanceType, "the Price List API serves only the aws partition");
        }
        List<String> products;
        try {
            products = pricing.get().getProductsPaginator(request(instanceType, region)).priceList().stream().toList();
        } catch (SdkException e) {
            if (AwsErrors.isAccessDenied(e)) {
                return PriceQuote.table(instanceType, "pricing:GetProducts is not permitted, so no live price");
            }
            return PriceQuote.table(instanceType, "the Price List API could not be read ("
                    + AwsErrors.translate(e, "pricing:GetProducts", instanceType).getMessage() + ")");
        }
        OptionalDouble worst = products.stream().map(OnDemandPrices::trainingOnDemandUsd)
                .flatMap(Optional::stream).mapToDouble(Double::doubleValue).max();
        if (worst.isEmpty()) {
            return PriceQuote.table(instanceType, "the Price List API has no on-demand training price for "
                    + instanceType + " in " + region);
        }
        return PriceQuote.live(instanceType, worst.getAsDouble(), region);
    }

    /**
     * The USD per hour of one Price List product document ({@code product.attributes}, {@code terms.OnDemand.*.
     * priceDimensions.*.pricePerUnit.USD}); empty for anything but an on-demand training price per hour. The largest
     * dimension wins: the figure is a worst case.
     */
    static Optional<Double> trainingOnDemandUsd(String productJson) {
        try {
            JsonObject document = JsonParser.parseString(productJson).getAsJsonObject();
            JsonObject attributes = object(object(document, "product"), "attributes");
            String component = string(attributes, "component");
            String usageType = string(attributes, "usagetype").toLowerCase(Locale.ROOT);
            if (!component.equalsIgnoreCase(TRAINING_COMPONENT) || usageType.contains("spot")) {
                return Optional.empty();
            }
            Optional<Double> worst = Optional.empty();
            for (var term : object(object(document, "terms"), "OnDemand").entrySet()) {
                for (var dimension : object(term.getValue().getAsJsonObject(), "priceDimensions").entrySet()) {
                    JsonObject priced = dimension.getValue().getAsJsonObject();
                    if (!string(priced, "unit").toLowerCase(Locale.ROOT).startsWith("hr")) {
                        continue;
                    }
                    String usd = string(object(priced, "pricePerUnit"), "USD");
                    if (!usd.isEmpty()) {
                        double price = Double.parseDouble(usd);
                        if (price > 0 && (worst.isEmpty() || price > worst.get())) {
                            worst = Optional.of(price);
                        }
                    }
                }
            }
            return worst;
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Filter filter(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    private static JsonObject object(JsonObject parent, String name) {
        JsonElement child = parent == null ? null : parent.get(name);
        return child != null && child.isJsonObject() ? child.getAsJsonObject() : new JsonObject();
    }

    private static String string(JsonObject parent, String name) {
        JsonElement child = parent.get(name);
        return child != null && child.isJsonPrimitive() ? child.getAsString() : "";
    }
}
